interface CodeSnippetProps {
  /** Source line(s) starting at `startLine`. */
  snippet: string;
  startLine: number;
  endLine: number;
  path: string;
}

/** The finding's source lines with a line-number gutter; lines startLine..endLine are highlighted. */
export function CodeSnippet({ snippet, startLine, endLine, path }: CodeSnippetProps) {
  if (!snippet) return <p className="text-xs italic text-gray-500">No source snippet was recorded for this finding.</p>;
  const lines = snippet.replace(/\r\n?/g, '\n').split('\n');
  const first = Math.max(1, startLine || 1);
  const last = Math.max(first, endLine || first);
  const gutterWidth = String(first + lines.length - 1).length;
  return (
    <pre
      className="max-h-80 overflow-auto rounded-md bg-gray-900 py-2 text-xs leading-5 text-gray-100"
      aria-label={`Source of ${path}, line ${first}${last > first ? ` to ${last}` : ''}`}
      data-testid="finding-snippet"
    >
      <code className="block min-w-max">
        {lines.map((line, index) => {
          const number = first + index;
          const highlighted = number >= first && number <= last;
          return (
            <span
              key={index}
              className={`block pr-4 ${highlighted ? 'border-l-2 border-amber-400 bg-amber-400/15' : 'border-l-2 border-transparent'}`}
              data-highlighted={highlighted || undefined}
            >
              <span className="inline-block select-none pl-2 pr-3 text-right text-gray-500" style={{ minWidth: `${gutterWidth + 2}ch` }} aria-hidden="true">
                {number}
              </span>
              {line || ' '}
            </span>
          );
        })}
      </code>
    </pre>
  );
}

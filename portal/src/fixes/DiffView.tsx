import { Fragment, useMemo, useState } from 'react';
import type { DiffFile, DiffLine } from './diff';
import { diffStats, parseUnifiedDiff, sideBySide } from './diff';

type Mode = 'split' | 'raw';

/** A unified patch side by side (old on the left, new on the right); the raw patch when it cannot be read. */
export function DiffView({ patch }: { patch: string }) {
  const parsed = useMemo((): { files: DiffFile[]; error: null } | { files: null; error: string } => {
    try {
      return { files: parseUnifiedDiff(patch), error: null };
    } catch (error) {
      return { files: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [patch]);
  const [mode, setMode] = useState<Mode>('split');

  if (!parsed.files) {
    return (
      <div className="space-y-1" data-testid="fix-diff-raw">
        <p className="text-xs text-gray-500">
          This patch could not be shown side by side ({parsed.error}); here it is as it was generated.
        </p>
        <RawPatch patch={patch} />
      </div>
    );
  }

  const stats = diffStats(parsed.files);
  return (
    <div className="space-y-2" data-testid="fix-diff">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <p className="text-gray-600">
          {parsed.files.length === 1 ? '1 file' : `${parsed.files.length} files`} ·{' '}
          <span className="font-medium text-green-700">+{stats.added}</span> <span className="font-medium text-red-700">−{stats.removed}</span>
        </p>
        <div role="group" aria-label="Patch view" className="inline-flex rounded-md shadow-sm ring-1 ring-inset ring-gray-300">
          {(
            [
              ['split', 'Side by side'],
              ['raw', 'Unified'],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={mode === value}
              onClick={() => setMode(value)}
              className={`px-2.5 py-1 font-medium first:rounded-l-md last:rounded-r-md ${mode === value ? 'bg-indigo-600 text-white' : 'bg-white text-gray-700 hover:bg-gray-50'}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {mode === 'raw' ? <RawPatch patch={patch} /> : parsed.files.map((file, index) => <SplitFile key={`${file.newPath}-${index}`} file={file} />)}
    </div>
  );
}

function RawPatch({ patch }: { patch: string }) {
  return (
    <pre className="max-h-[32rem] overflow-auto rounded-md bg-gray-900 p-3 font-mono text-xs leading-5 text-gray-100" data-testid="fix-patch-raw">
      <code>
        {patch.split('\n').map((line, index) => (
          <span
            key={index}
            className={`block ${line.startsWith('+') && !line.startsWith('+++') ? 'text-green-300' : line.startsWith('-') && !line.startsWith('---') ? 'text-red-300' : line.startsWith('@@') ? 'text-sky-300' : ''}`}
          >
            {line || ' '}
          </span>
        ))}
      </code>
    </pre>
  );
}

function SplitFile({ file }: { file: DiffFile }) {
  const renamed = file.oldPath !== file.newPath && file.oldPath !== '/dev/null';
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-gray-200">
      <p className="border-b border-gray-200 bg-gray-50 px-3 py-1.5 font-mono text-xs text-gray-800">
        {renamed ? (
          <>
            {file.oldPath} → {file.newPath}
          </>
        ) : (
          file.newPath
        )}
      </p>
      <div className="max-h-[32rem] overflow-auto">
        <table className="w-full table-fixed border-collapse font-mono text-xs leading-5" aria-label={`Changes to ${file.newPath}, before on the left and after on the right`}>
          <colgroup>
            <col className="w-12" />
            <col />
            <col className="w-12" />
            <col />
          </colgroup>
          <thead className="sr-only">
            <tr>
              <th scope="col">Old line</th>
              <th scope="col">Before</th>
              <th scope="col">New line</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {file.hunks.map((hunk, h) => (
              <Fragment key={h}>
                <tr className="bg-sky-50 text-sky-800">
                  <td colSpan={4} className="truncate px-3 py-0.5" title={hunk.header}>
                    {hunk.header}
                  </td>
                </tr>
                {sideBySide(hunk).map((row, r) => (
                  <tr key={r} className="align-top">
                    <Cell line={row.left} side="left" />
                    <Cell line={row.right} side="right" />
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Cell({ line, side }: { line: DiffLine | undefined; side: 'left' | 'right' }) {
  const border = side === 'right' ? 'border-l border-gray-200' : '';
  if (!line) {
    return (
      <>
        <td className={`select-none bg-gray-50 ${border}`} />
        <td className="bg-gray-50" />
      </>
    );
  }
  const number = side === 'left' ? line.oldNumber : line.newNumber;
  const changed = line.kind !== 'context';
  const tone = line.kind === 'removed' ? 'bg-red-50' : line.kind === 'added' ? 'bg-green-50' : 'bg-white';
  const gutterTone = line.kind === 'removed' ? 'bg-red-100 text-red-700' : line.kind === 'added' ? 'bg-green-100 text-green-700' : 'text-gray-400';
  const sign = line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' ';
  return (
    <>
      <td className={`select-none px-2 text-right tabular-nums ${gutterTone} ${border}`} data-kind={line.kind}>
        {number}
      </td>
      <td className={`whitespace-pre-wrap break-all px-2 text-gray-900 ${tone}`}>
        <span className={`mr-1 select-none ${changed ? (line.kind === 'removed' ? 'text-red-600' : 'text-green-700') : 'text-transparent'}`} aria-hidden="true">
          {sign}
        </span>
        {changed && <span className="sr-only">{line.kind === 'removed' ? 'Removed: ' : 'Added: '}</span>}
        {line.text}
        {line.noNewline && (
          <span className="ml-2 select-none text-[10px] italic text-gray-400" title="No newline at end of file">
            no newline at end
          </span>
        )}
      </td>
    </>
  );
}

// A small unified-diff reader for the side-by-side view. It understands what fix patches contain: `diff --git`
// and other extended headers, `---`/`+++` file headers, `@@ -a,b +c,d @@` hunks and "\ No newline" markers.
// Anything it cannot read throws DiffParseError, and the view falls back to the raw patch.

class DiffParseError extends Error {
  constructor(message: string, readonly lineNumber: number) {
    super(`${message} (patch line ${lineNumber})`);
    this.name = 'DiffParseError';
  }
}

type DiffLineKind = 'context' | 'removed' | 'added';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** Line number in the old file (context and removed lines). */
  oldNumber?: number;
  /** Line number in the new file (context and added lines). */
  newNumber?: number;
  /** Followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface DiffHunk {
  header: string;
  /** Text after the second @@, usually the enclosing function. */
  section: string;
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: DiffLine[];
}

export interface DiffFile {
  oldPath: string;
  newPath: string;
  hunks: DiffHunk[];
}

/** One row of the side-by-side view: the left (old) and right (new) cell; a missing side is blank. */
export interface SideBySideRow {
  left?: DiffLine;
  right?: DiffLine;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const EXTENDED_HEADER = /^(?:diff --git |index |old mode |new mode |similarity index |dissimilarity index |Binary files |diff -)/;

function stripPath(raw: string): string {
  const name = raw.split('\t')[0]!.trim().replace(/^"(.*)"$/, '$1');
  return name === '/dev/null' ? name : name.replace(/^[ab]\//, '');
}

export function parseUnifiedDiff(patch: string): DiffFile[] {
  const lines = patch.replace(/\r\n?/g, '\n').split('\n');
  // The final newline leaves one empty element that is not a line of the patch.
  if (lines.at(-1) === '') lines.pop();
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let i = 0;

  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      file = { oldPath: stripPath(line.slice(4)), newPath: stripPath(lines[i + 1]!.slice(4)), hunks: [] };
      files.push(file);
      i += 2;
      continue;
    }
    const header = HUNK.exec(line);
    if (header) {
      if (!file) throw new DiffParseError('A hunk comes before any file header', i + 1);
      const hunk: DiffHunk = {
        header: line,
        section: header[5]?.trim() ?? '',
        oldStart: Number(header[1]),
        oldCount: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newCount: header[4] === undefined ? 1 : Number(header[4]),
        lines: [],
      };
      i = readHunk(lines, i + 1, hunk);
      file.hunks.push(hunk);
      continue;
    }
    // Extended headers and blank lines between files; before the first file, a preamble (e.g. a commit message).
    if (EXTENDED_HEADER.test(line) || line.trim() === '' || files.length === 0) {
      i += 1;
      continue;
    }
    throw new DiffParseError(`Unexpected line ${JSON.stringify(line.slice(0, 60))}`, i + 1);
  }

  if (files.length === 0) throw new DiffParseError('No file header (--- / +++) found', 1);
  const empty = files.find((f) => f.hunks.length === 0);
  if (empty) throw new DiffParseError(`${empty.newPath} has no hunk`, lines.length);
  return files;
}

/** Reads the body of a hunk by its counts, as git does; returns the index of the first line after it. */
function readHunk(lines: string[], start: number, hunk: DiffHunk): number {
  let oldLeft = hunk.oldCount;
  let newLeft = hunk.newCount;
  let oldNumber = hunk.oldStart;
  let newNumber = hunk.newStart;
  let i = start;
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const line = lines[i]!;
    const marker = line[0];
    if (marker === '\\') {
      const last = hunk.lines.at(-1);
      if (last) last.noNewline = true;
    } else if (marker === ' ' || line === '') {
      // Some editors strip the single space of an empty context line.
      if (oldLeft <= 0 || newLeft <= 0) throw new DiffParseError('Context line past the counts of its hunk', i + 1);
      hunk.lines.push({ kind: 'context', text: line.slice(1), oldNumber: oldNumber++, newNumber: newNumber++ });
      oldLeft -= 1;
      newLeft -= 1;
    } else if (marker === '-') {
      if (oldLeft <= 0) throw new DiffParseError('More removed lines than the hunk header says', i + 1);
      hunk.lines.push({ kind: 'removed', text: line.slice(1), oldNumber: oldNumber++ });
      oldLeft -= 1;
    } else if (marker === '+') {
      if (newLeft <= 0) throw new DiffParseError('More added lines than the hunk header says', i + 1);
      hunk.lines.push({ kind: 'added', text: line.slice(1), newNumber: newNumber++ });
      newLeft -= 1;
    } else {
      throw new DiffParseError(`Hunk ${hunk.header} ends early`, i + 1);
    }
    i += 1;
  }
  if (oldLeft > 0 || newLeft > 0) throw new DiffParseError(`Hunk ${hunk.header} is cut short`, i + 1);
  // A "\ No newline at end of file" right after the last counted line still belongs to this hunk.
  while (lines[i]?.startsWith('\\')) {
    const last = hunk.lines.at(-1);
    if (last) last.noNewline = true;
    i += 1;
  }
  return i;
}

/**
 * Pairs a hunk's lines for two columns: context on both sides; a run of removed lines next to the run of added
 * lines that follows it, row by row, the longer run continuing against blanks.
 */
export function sideBySide(hunk: DiffHunk): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push({ left: removed[k], right: added[k] });
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    if (line.kind === 'context') {
      flush();
      rows.push({ left: line, right: line });
    } else if (line.kind === 'removed') {
      // A removal after additions starts a new change block.
      if (added.length) flush();
      removed.push(line);
    } else {
      added.push(line);
    }
  }
  flush();
  return rows;
}

export function diffStats(files: DiffFile[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const f of files) {
    for (const h of f.hunks) {
      for (const l of h.lines) {
        if (l.kind === 'added') added += 1;
        else if (l.kind === 'removed') removed += 1;
      }
    }
  }
  return { added, removed };
}

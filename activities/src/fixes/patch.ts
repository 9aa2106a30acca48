import { isSafeRelativePath } from '../analyzers/source';
import { FixFailure } from './types';

/** Patches larger than this are not a fix for one finding. */
const MAX_PATCH_BYTES = 200_000;

const REFUSAL = /^(?:i['’]?m sorry|i am sorry|sorry,|i can(?:no|['’])t|i won['’]?t|i will not|i am unable|i['’]?m unable|i['’]?m not able|as an ai)\b/i;
const NO_FIX = /^NO_FIX:\s*/i;

/**
 * Reads a model's answer: a unified diff in a fenced block (or bare), the rest is the explanation. `NO_FIX: reason`
 * (what the prompt asks for when there is no safe fix) and a plain-language refusal become ProviderRefused; anything
 * else without a usable diff is InvalidPatch.
 */
export function parseModelAnswer(answer: string): { patch: string; explanation: string } {
  const text = answer.replace(/\r\n/g, '\n').trim();
  if (!text) throw new FixFailure('InvalidPatch', 'The model answered with an empty message.');
  if (NO_FIX.test(text)) throw new FixFailure('ProviderRefused', `The model declined: ${text.replace(NO_FIX, '').split('\n')[0]!.slice(0, 300)}`);

  let patch: string | null = null;
  let explanation = text;
  const fence = /```[ \t]*(?:diff|patch|udiff)?[ \t]*\n([\s\S]*?)```/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    if (/^@@ /m.test(m[1]!) && /^\+\+\+ /m.test(m[1]!)) {
      patch = m[1]!;
      explanation = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim();
      break;
    }
  }
  if (patch === null) {
    const start = text.search(/^(?:diff --git |--- )/m);
    if (start >= 0 && /^@@ /m.test(text.slice(start))) {
      patch = text.slice(start);
      explanation = text.slice(0, start).trim();
    }
  }
  if (patch === null) {
    if (REFUSAL.test(text)) throw new FixFailure('ProviderRefused', `The model refused: ${text.split('\n')[0]!.slice(0, 300)}`);
    throw new FixFailure('InvalidPatch', `The answer contains no unified diff: ${JSON.stringify(text.slice(0, 200))}`);
  }
  return { patch: normalizePatch(patch), explanation: explanation.replace(/^EXPLANATION:\s*/i, '').slice(0, 4000) };
}

/** Checks the shape of a unified diff and returns it with a final newline (git apply needs one). */
export function normalizePatch(patch: string): string {
  let p = patch.replace(/\r\n/g, '\n');
  // Models sometimes indent the whole block or add trailing prose lines; keep from the first header on.
  const start = p.search(/^(?:diff --git |--- )/m);
  if (start < 0) throw new FixFailure('InvalidPatch', 'The patch has no file header (--- a/… / +++ b/…).');
  p = p.slice(start);
  if (!p.endsWith('\n')) p += '\n';
  if (Buffer.byteLength(p) > MAX_PATCH_BYTES) throw new FixFailure('InvalidPatch', `The patch is larger than ${MAX_PATCH_BYTES} bytes.`);
  if (/^GIT binary patch$|^Binary files /m.test(p)) throw new FixFailure('InvalidPatch', 'The patch changes a binary file.');
  if (!/^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(p)) throw new FixFailure('InvalidPatch', 'The patch has no hunk (@@ -a,b +c,d @@).');
  patchPaths(p);
  return p;
}

function stripPrefix(raw: string): string {
  const name = raw.split('\t')[0]!.trim().replace(/^"(.*)"$/, '$1');
  return name.replace(/^[ab]\//, '');
}

/**
 * The files a patch touches. Only edits of existing files inside the repository are allowed: no creation, deletion,
 * rename, absolute path, `..` or `.git/`.
 */
export function patchPaths(patch: string): string[] {
  const paths = new Set<string>();
  const lines = patch.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(?:new|deleted) file mode |^rename (?:from|to) |^copy (?:from|to) /.test(line)) {
      throw new FixFailure('InvalidPatch', 'The patch creates, deletes or renames files; a fix may only edit existing files.');
    }
    if (!line.startsWith('--- ') || !lines[i + 1]?.startsWith('+++ ')) continue;
    const before = line.slice(4);
    const after = lines[i + 1]!.slice(4);
    if (before.startsWith('/dev/null') || after.startsWith('/dev/null')) {
      throw new FixFailure('InvalidPatch', 'The patch creates or deletes a file; a fix may only edit existing files.');
    }
    const a = stripPrefix(before);
    const b = stripPrefix(after);
    if (a !== b) throw new FixFailure('InvalidPatch', `The patch renames ${a} to ${b}; a fix may only edit files in place.`);
    if (!isSafeRelativePath(b) || b === '.git' || b.startsWith('.git/')) throw new FixFailure('InvalidPatch', `The patch touches a path outside the repository: ${JSON.stringify(b)}.`);
    paths.add(b);
    i++;
  }
  if (paths.size === 0) throw new FixFailure('InvalidPatch', 'The patch names no file (--- a/path / +++ b/path).');
  return [...paths].sort();
}

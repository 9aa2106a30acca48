import { createHash } from 'node:crypto';
import type { RawFinding } from './types';

/**
 * The snippet as it matters for identity: line-number gutters (`12:` / `12 |`) stripped, whitespace collapsed.
 * Indentation and re-wrapping therefore do not change a fingerprint; moving the code does not either.
 */
export function normalizeSnippet(snippet: string): string {
  return snippet
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\s*\d+\s*(?:[:|]\s?)/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * sha256 hex of `ruleId|path|normalizedSnippet|occurrence`. Line numbers are not part of it, so a finding keeps
 * its fingerprint when lines are inserted above it; `occurrence` (0, 1, 2… in line order) tells apart identical
 * snippets of the same rule in the same file.
 */
export function fingerprintFinding(f: RawFinding, occurrence: number): string {
  return createHash('sha256').update(`${f.ruleId}|${f.path}|${normalizeSnippet(f.snippet)}|${occurrence}`).digest('hex');
}

/** The key under which occurrences are counted: same rule, same file, same normalized snippet. */
export function occurrenceKey(f: Pick<RawFinding, 'ruleId' | 'path' | 'snippet'>): string {
  return `${f.ruleId}\u0000${f.path}\u0000${normalizeSnippet(f.snippet)}`;
}

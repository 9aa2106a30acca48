import { describe, expect, it } from 'vitest';
import { computeHealth, countsFromSnapshot, trendOf } from './health';

describe('health score', () => {
  it('is 100 with nothing open, and weights security heaviest', () => {
    expect(computeHealth([], 1000)).toMatchObject({ score: 100, drivers: [] });
    const security = computeHealth([{ category: 'security', severity: 'critical', count: 1, path: 'src/db.ts' }], 1000);
    const bug = computeHealth([{ category: 'bug', severity: 'critical', count: 1, path: 'src/db.ts' }], 1000);
    expect(security.ratings.security.rating).toBe('E');
    expect(security.score).toBe(60);
    expect(bug.score).toBe(76);
    expect(computeHealth([{ category: 'security', severity: 'critical', count: 9 }, { category: 'bug', severity: 'critical', count: 9 }, { category: 'style', severity: 'high', count: 999 }], 1000).score).toBe(20);
  });

  it('rates by the worst open severity; info never lowers a rating', () => {
    const rating = (severity: string) => computeHealth([{ category: 'security', severity, count: 1 }], 1000).ratings.security.rating;
    expect(['critical', 'high', 'medium', 'low', 'info'].map(rating)).toEqual(['E', 'D', 'C', 'B', 'A']);
  });

  it('rates maintainability by findings per 1,000 lines, and says why', () => {
    const smells = (count: number, lines: number | null) => computeHealth([{ category: 'maintainability', severity: 'low', count, path: 'src/legacy.ts' }], lines);
    expect(smells(5, 1000).ratings.maintainability.rating).toBe('A');
    expect(smells(6, 1000).ratings.maintainability.rating).toBe('B');
    expect(smells(20, 1000).ratings.maintainability.rating).toBe('C');
    expect(smells(50, 1000).ratings.maintainability.rating).toBe('D');
    expect(smells(51, 1000).ratings.maintainability.rating).toBe('E');
    expect(smells(51, 100_000).ratings.maintainability.rating).toBe('A');
    expect(smells(12, 1000).drivers[0]!.reason).toBe('C because 12 maintainability findings per 1,000 lines (12 findings in 1,000 lines), most in src/legacy.ts');
    // Unknown size counts as 1,000 lines.
    expect(smells(12, null).drivers[0]!.reason).toContain('in a codebase of unknown size');
  });

  it('names the files behind a rating, the worst dimension first', () => {
    const h = computeHealth(
      [
        { category: 'security', severity: 'high', count: 2, path: 'src/auth.ts' },
        { category: 'security', severity: 'high', count: 1, path: 'src/session.ts' },
        { category: 'security', severity: 'low', count: 4, path: 'src/x.ts' },
        { category: 'bug', severity: 'critical', count: 1, path: 'src/pay.ts' },
      ],
      1000,
    );
    expect(h.drivers.map((d) => d.reason)).toEqual(['E because 1 critical reliability finding in src/pay.ts', 'D because 3 high security findings in src/auth.ts and 1 other file']);
    expect(h.drivers[1]!.files).toEqual([
      { path: 'src/auth.ts', count: 2 },
      { path: 'src/session.ts', count: 1 },
    ]);
  });

  it('reads the rollups’ snapshot counts', () => {
    expect(countsFromSnapshot({ 'security:high': 2, 'style:low': 1 })).toEqual([
      { category: 'security', severity: 'high', count: 2 },
      { category: 'style', severity: 'low', count: 1 },
    ]);
  });

  it('calls a trend from the slope over the window', () => {
    expect(trendOf([60, 62, 64, 66, 68]).direction).toBe('improving');
    expect(trendOf([80, 80, 79, 80, 81]).direction).toBe('stable');
    expect(trendOf([null, 90, 85, 80, 70])).toMatchObject({ direction: 'needs_attention', points: 4 });
    expect(trendOf([null, 70]).direction).toBe('stable');
  });
});

import { CATEGORIES, SEVERITIES } from '@argus/workflows/contract';

// Owner of `analysis_runs`: the run row, its summary and its gate. Nothing outside this module writes the table.

export interface RunSummary {
  total: number;
  open: number;
  new: number;
  suppressed: number;
  triaged: number;
  bySeverity: Record<(typeof SEVERITIES)[number], number>;
  byCategory: Record<(typeof CATEGORIES)[number], number>;
  newBySeverity: Record<(typeof SEVERITIES)[number], number>;
}

/** Open = not suppressed inline and not triaged away; only open findings count toward the gate. */
export function summarize(rows: { severity: string; category: string; isNew: boolean; suppressionKind: string | null; triage: string }[]): RunSummary {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const summary: RunSummary = { total: rows.length, open: 0, new: 0, suppressed: 0, triaged: 0, bySeverity: zero(SEVERITIES), byCategory: zero(CATEGORIES), newBySeverity: zero(SEVERITIES) };
  for (const r of rows) {
    if (r.suppressionKind) summary.suppressed++;
    else if (r.triage !== 'open') summary.triaged++;
    else {
      summary.open++;
      summary.bySeverity[r.severity as keyof RunSummary['bySeverity']]++;
      summary.byCategory[r.category as keyof RunSummary['byCategory']]++;
      if (r.isNew) {
        summary.new++;
        summary.newBySeverity[r.severity as keyof RunSummary['newBySeverity']]++;
      }
    }
  }
  return summary;
}

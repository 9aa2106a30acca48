import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import {
  createRun,
  evaluateGate,
  insertFindings,
  markRunCompleted,
  recordRunComparison,
  recordRunResult,
  summarizeRunFindings,
  type Knex,
  type NewFinding,
  type RunRow,
} from '@argus/db';

/** A finding of a fixture run; everything but the rule and file has a default. */
export type FixtureFinding = Partial<Omit<NewFinding, 'runId' | 'repositoryId' | 'workspaceId'>> & Pick<NewFinding, 'ruleId' | 'path'>;

/**
 * A run that finished the way `analyzeRepository` leaves one (findings, summary, gate, completed) without cloning
 * anything: for tests about what happens to finished runs (triage, SARIF, the portal's views of them).
 */
export async function seedFinishedRun(
  knex: Knex,
  opts: { workspaceId: string; repositoryId: string; findings: FixtureFinding[]; comparedToRunId?: string | null; gate?: Partial<Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>> },
): Promise<RunRow> {
  const run = await createRun(knex, { workflowId: `fixture-${randomUUID()}`, workspaceId: opts.workspaceId, repositoryId: opts.repositoryId, trigger: 'manual', ref: 'main', commitSha: 'a'.repeat(40) });
  await knex('analysis_runs').where({ id: run.id }).update({ status: 'running', startedAt: knex.fn.now() });
  await insertFindings(
    knex,
    opts.findings.map((f, i) => ({
      tool: f.ruleId.split('/')[0]!,
      category: 'bug',
      severity: 'medium',
      startLine: 1 + i,
      startColumn: 1,
      endLine: 1 + i,
      endColumn: 10,
      message: `${f.ruleId} in ${f.path}`,
      snippet: `line ${i + 1}`,
      fingerprint: createHash('sha256').update(`${f.ruleId}|${f.path}|${i}`).digest('hex'),
      ...f,
      runId: run.id,
      repositoryId: opts.repositoryId,
      workspaceId: opts.workspaceId,
    })),
  );
  await recordRunComparison(knex, run.id, opts.comparedToRunId ?? null);
  const summary = await summarizeRunFindings(knex, run.id);
  await recordRunResult(knex, run.id, { summary, gate: evaluateGate(summary, opts.gate ?? { critical: 0, high: 0 }), progress: { phase: 'reporting' } });
  await markRunCompleted(knex, run.id);
  return (await knex('analysis_runs').where({ id: run.id }).first()) as RunRow;
}

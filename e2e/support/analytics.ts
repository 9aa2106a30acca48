import { randomUUID } from 'node:crypto';
import { createRun, refreshRollupsOfRun, type Knex, type RunRow } from '@argus/db';
import { seedFinishedRun, type FixtureFinding } from './finished-run';

/**
 * A finished run dated on a past day (created, started and finished that day, 90 seconds long), with its rollups
 * refreshed the way the worker's completeRun does. `status: 'failed'` gives a failed run without findings.
 */
export async function seedRunOnDay(
  knex: Knex,
  opts: { workspaceId: string; repositoryId: string; day: string; hour?: number; findings?: FixtureFinding[]; comparedToRunId?: string | null; linesOfCode?: number; status?: 'completed' | 'failed'; trigger?: 'push' | 'pull_request' },
): Promise<RunRow> {
  const at = new Date(`${opts.day}T${String(opts.hour ?? 10).padStart(2, '0')}:00:00Z`);
  let run: RunRow;
  if (opts.status === 'failed') {
    run = await createRun(knex, { workflowId: `fixture-${randomUUID()}`, workspaceId: opts.workspaceId, repositoryId: opts.repositoryId, trigger: opts.trigger ?? 'push', ref: 'refs/heads/main' });
    await knex('analysis_runs').where({ id: run.id }).update({ status: 'failed', error: 'clone failed' });
  } else {
    run = await seedFinishedRun(knex, { workspaceId: opts.workspaceId, repositoryId: opts.repositoryId, findings: opts.findings ?? [], comparedToRunId: opts.comparedToRunId ?? null });
  }
  await knex('analysis_runs')
    .where({ id: run.id })
    .update({ createdAt: at, startedAt: at, finishedAt: new Date(at.getTime() + 90_000), linesOfCode: opts.linesOfCode ?? 2000, trigger: opts.trigger ?? 'push' });
  await knex('findings').where({ runId: run.id }).update({ createdAt: at });
  await refreshRollupsOfRun(knex, run.id);
  return (await knex('analysis_runs').where({ id: run.id }).first()) as RunRow;
}

/** Days before today (UTC), 'YYYY-MM-DD'. */
export function daysAgo(n: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - n * 86_400_000).toISOString().slice(0, 10);
}

/** Every rollup row in a stable order, without the rebuild timestamp (what "the same numbers" compares). */
export async function rollupState(knex: Knex): Promise<{ repositories: unknown[]; workspaces: unknown[] }> {
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ rebuiltAt: _r, ...rest }) => rest);
  return {
    repositories: strip(await knex('analytics_repository_daily').select('*', knex.raw(`to_char(day, 'YYYY-MM-DD') as day`)).orderBy(['analytics_repository_daily.repositoryId', 'analytics_repository_daily.day'])),
    workspaces: strip(await knex('analytics_workspace_daily').select('*', knex.raw(`to_char(day, 'YYYY-MM-DD') as day`)).orderBy(['analytics_workspace_daily.workspaceId', 'analytics_workspace_daily.day'])),
  };
}

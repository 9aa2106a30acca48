import { log } from '@temporalio/activity';
import { recordAnalyticsEvent, refreshRollupsOfRun, type Knex } from '@argus/db';

/**
 * The incremental update when a run ends: its repository's and workspace's day is rebuilt from the source tables.
 * A failure here never fails the run: the hourly aggregation rebuilds the same day from the same sources.
 */
export async function refreshAnalyticsOfRun(knex: Knex, runId: string): Promise<void> {
  try {
    await refreshRollupsOfRun(knex, runId);
  } catch (err) {
    log.warn('could not refresh the analytics of a finished run; the hourly aggregation will', { runId, error: (err as Error).message });
  }
}

/** A run started (by a push, a pull request, a schedule or a person): recorded once, whoever registers it first. */
export async function recordRunStarted(knex: Knex, run: { id: string; workspaceId: string; repositoryId: string; trigger: string; requestedBy: string | null }): Promise<void> {
  await recordAnalyticsEvent(knex, {
    type: 'run.started',
    dedupeKey: `run.started:${run.id}`,
    userId: run.requestedBy,
    workspaceId: run.workspaceId,
    repositoryId: run.repositoryId,
    data: { runId: run.id, trigger: run.trigger },
  });
}

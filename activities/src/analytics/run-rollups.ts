import { log } from '@temporalio/activity';
import { recordAnalyticsEvent, refreshRollupsOfRun, type Knex } from '@argus/db';

/**
 * Ends a run and refreshes its day in one transaction, so whoever reads the run as finished also reads its day's
 * rollups with it (the incremental update: the day is rebuilt from the source tables). The refresh runs in a savepoint: if it fails, the run still ends and the hourly aggregation catches up.
 */
export async function endRunWithAnalytics<T>(knex: Knex, runId: string, end: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    const ended = await end(trx);
    try {
      await trx.transaction((savepoint) => refreshRollupsOfRun(savepoint, runId));
    } catch (err) {
      log.warn('could not refresh the analytics of a finished run; the hourly aggregation will', { runId, error: (err as Error).message });
    }
    return ended;
  });
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

import { Context } from '@temporalio/activity';
import { rebuildRepositoryDays, rebuildWorkspaceDays, repositoriesWithActivity, workspacesWithActivity, type Day, type Knex } from '@argus/db';

export interface RollupBatchInput {
  from: Day;
  to: Day;
  afterId: string | null;
  limit: number;
}

export interface RollupBatchResult {
  rows: number;
  lastId: string | null;
  done: boolean;
}

/**
 * The aggregation workflow's steps: rebuild the rollups of a range of days, a page of repositories (then of
 * workspaces) at a time. Each page is rebuilt from the source tables, so a retried or repeated page is harmless.
 */
export function createAnalyticsActivities({ knex }: { knex: Knex }) {
  return {
    async rebuildRepositoryRollups(input: RollupBatchInput): Promise<RollupBatchResult> {
      const repos = await repositoriesWithActivity(knex, input);
      Context.current().heartbeat(input.afterId);
      const rows = repos.length ? await rebuildRepositoryDays(knex, { repositoryIds: repos.map((r) => r.id), from: input.from, to: input.to }) : 0;
      return { rows, lastId: repos.at(-1)?.id ?? input.afterId, done: repos.length < input.limit };
    },
    async rebuildWorkspaceRollups(input: RollupBatchInput): Promise<RollupBatchResult> {
      const ids = await workspacesWithActivity(knex, input);
      Context.current().heartbeat(input.afterId);
      const rows = ids.length ? await rebuildWorkspaceDays(knex, { workspaceIds: ids, from: input.from, to: input.to }) : 0;
      return { rows, lastId: ids.at(-1) ?? input.afterId, done: ids.length < input.limit };
    },
  };
}

import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppDeps } from '../app';

export const scheduleIdFor = (repositoryId: string) => `analysis-schedule-${repositoryId}`;

/**
 * A repository's optional analysis schedule is a Temporal Schedule (visible in the Temporal UI) that starts
 * analyzeRepository on the default branch. A cron of null removes it.
 */
export async function applyAnalysisSchedule(deps: AppDeps, repo: { id: string; workspaceId: string }, cron: string | null): Promise<void> {
  const handle = deps.temporal.schedule.getHandle(scheduleIdFor(repo.id));
  if (cron === null) {
    await handle.delete().catch((err) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    return;
  }
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'analyzeRepository',
    workflowId: `analysis-scheduled-${repo.id}`,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    args: [{ trigger: 'schedule', repositoryId: repo.id }],
    memo: { workspaceId: repo.workspaceId, repositoryId: repo.id },
  };
  try {
    await handle.update((previous) => ({ ...previous, spec: { cronExpressions: [cron] }, action }));
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await deps.temporal.schedule.create({
      scheduleId: scheduleIdFor(repo.id),
      spec: { cronExpressions: [cron] },
      action,
      // A slow analysis is never run twice at once for the same repository.
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  }
}

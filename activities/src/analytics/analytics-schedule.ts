import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { scheduleIds, type AggregateAnalyticsInput } from '@argus/workflows/contract';

interface AnalyticsScheduleSpec {
  scheduleId: string;
  spec: { intervals: { every: string }[] };
  input: AggregateAnalyticsInput;
}

/**
 * The analytics Schedules: every hour the last two days are rebuilt (today's runs, and yesterday's late ones),
 * every day the last five weeks (anything a triage or a late fix changed). Overlaps are skipped, and one missed
 * run is caught up within a day. Created at worker start; a second start updates them to the same spec.
 */
export async function ensureAnalyticsSchedules(client: Client, opts: { taskQueue: string; hourlyEvery?: string; dailyEvery?: string; prefix?: string }): Promise<('created' | 'updated')[]> {
  const prefix = opts.prefix ?? '';
  const specs: AnalyticsScheduleSpec[] = [
    { scheduleId: `${prefix}${scheduleIds.analyticsHourly}`, spec: { intervals: [{ every: opts.hourlyEvery ?? '1 hour' }] }, input: { days: 2 } },
    { scheduleId: `${prefix}${scheduleIds.analyticsDaily}`, spec: { intervals: [{ every: opts.dailyEvery ?? '1 day' }] }, input: { days: 35 } },
  ];
  const outcomes: ('created' | 'updated')[] = [];
  for (const s of specs) {
    const action = { type: 'startWorkflow' as const, workflowType: 'aggregateAnalytics', workflowId: `analytics-${s.scheduleId}`, taskQueue: opts.taskQueue, args: [s.input] };
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' };
    try {
      await client.schedule.create({ scheduleId: s.scheduleId, spec: s.spec, action, policies });
      outcomes.push('created');
      continue;
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
    try {
      await client.schedule.getHandle(s.scheduleId).update((previous) => ({ ...previous, spec: s.spec, action, policies: { ...previous.policies, ...policies } }));
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    outcomes.push('updated');
  }
  return outcomes;
}

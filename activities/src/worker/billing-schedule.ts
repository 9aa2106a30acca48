import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { scheduleIds } from '@argus/workflows/contract';

/**
 * The invoicing Schedule: every `every` it starts invoiceDueSubscriptions, which invoices each subscription whose
 * period ended (periods run from each subscription's own start, so "monthly" invoicing is a frequent sweep).
 * Overlaps are skipped, and runs missed while Temporal or the workers were down are caught up within a day; one
 * catch-up run suffices, since a run invoices everything due by its start.
 */
export async function ensureInvoicingSchedule(client: Client, opts: { taskQueue: string; every: string; scheduleId?: string }): Promise<'created' | 'updated'> {
  const scheduleId = opts.scheduleId ?? scheduleIds.invoicing;
  const spec = { intervals: [{ every: opts.every }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'invoiceDueSubscriptions', workflowId: `invoicing-${scheduleId}`, taskQueue: opts.taskQueue, args: [{}] };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  try {
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  return 'updated';
}

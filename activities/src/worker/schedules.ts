import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../platform/config';
import { scheduleIds } from '@argus/workflows/contract';
import { ensureInvoicingSchedule } from './billing-schedule';
import { ensureSearchSchedule } from '../search/search-schedule';
import { ensureAnalyticsSchedules } from '../analytics/analytics-schedule';

export const DELIVERY_RECONCILER_SCHEDULE = scheduleIds.webhookDeliveryReconciler;

/** With a GitHub App configured, a Temporal Schedule redelivers failed webhook deliveries every 15 minutes. */
export async function ensureWorkerSchedules(config: PlatformConfig, logger: Logger): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await ensureInvoicingSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, every: config.BILLING_INVOICING_EVERY }).then(
      (outcome) => logger.info(`${outcome} the invoicing schedule (every ${config.BILLING_INVOICING_EVERY})`),
      (err) => logger.warn({ err }, 'could not create the invoicing schedule'),
    );
    await ensureAnalyticsSchedules(client, { taskQueue: config.TEMPORAL_TASK_QUEUE }).then(
      (outcomes) => logger.info(`${outcomes.join(' and ')} the analytics schedules (hourly and daily)`),
      (err) => logger.warn({ err }, 'could not create the analytics schedules'),
    );
    await ensureSearchSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, enabled: Boolean(config.TYPESENSE_URL) }).then(
      (outcome) => logger.info(`search indexing schedule: ${outcome}`),
      (err) => logger.warn({ err }, 'could not set up the search indexing schedule'),
    );
    if (!config.GITHUB_APP_ID) return;
    await client.schedule.create({
      scheduleId: DELIVERY_RECONCILER_SCHEDULE,
      spec: { intervals: [{ every: '15 minutes' }] },
      action: { type: 'startWorkflow', workflowType: 'reconcileWebhookDeliveries', workflowId: 'reconcile-github-deliveries', taskQueue: config.TEMPORAL_TASK_QUEUE, args: [{}] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    logger.info('created the GitHub delivery reconciler schedule');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) logger.warn({ err }, 'could not create the GitHub delivery reconciler schedule');
  } finally {
    await connection.close();
  }
}

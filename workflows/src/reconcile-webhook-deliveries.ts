import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { ReconcileWebhookDeliveriesInput } from './contract';

const { reconcileGitHubDeliveries } = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: { maximumAttempts: 3 } });

/** Runs on a Temporal Schedule: asks GitHub to redeliver webhook deliveries that failed to reach Argus. */
export async function reconcileWebhookDeliveries(input: ReconcileWebhookDeliveriesInput = {}) {
  // GitHub keeps failed deliveries redeliverable for 3 days.
  return reconcileGitHubDeliveries({ lookbackHours: input.lookbackHours ?? 72 });
}

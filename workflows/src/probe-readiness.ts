import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { ProbeReadinessResult } from './contract';

const { recordProbe } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/** Proves the whole path API → Temporal → worker → Postgres by writing one row through an activity. */
export async function probeReadiness(probeId: string): Promise<ProbeReadinessResult> {
  return recordProbe({ probeId, workflowId: workflowInfo().workflowId });
}

import { hostname } from 'node:os';
import type { Knex } from '@argus/db';
import { recordProbeResult, recordUsageEvent } from '@argus/db';

export interface UsageEvent {
  workspaceId: string;
  kind: 'analysis' | 'fix';
  quantity?: number;
  idempotencyKey: string;
  metadata?: Record<string, unknown>;
}

/** Activities that only write Argus's own tables. Every write is idempotent because activities may run twice. */
export function createDbActivities({ knex }: { knex: Knex }) {
  return {
    async recordProbe(input: { probeId: string; workflowId: string }) {
      const workerIdentity = `${process.pid}@${hostname()}`;
      const row = await recordProbeResult(knex, { probeId: input.probeId, workflowId: input.workflowId, workerIdentity });
      return { probeId: row.probeId, workerIdentity: row.workerIdentity, writtenAt: new Date(row.writtenAt).toISOString() };
    },

    /** Billing reads usage later; the unique idempotency key makes a retried activity a no-op. */
    async recordUsage(event: UsageEvent): Promise<{ recorded: boolean }> {
      return recordUsageEvent(knex, event);
    },
  };
}

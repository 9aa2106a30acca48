import { hostname } from 'node:os';
import type { Knex } from 'knex';

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
      const [row] = await knex('probe_results')
        .insert({ probeId: input.probeId, workflowId: input.workflowId, workerIdentity })
        .onConflict('probe_id')
        .merge(['workflow_id'])
        .returning(['probeId', 'workerIdentity', 'writtenAt']);
      return { probeId: row.probeId as string, workerIdentity: row.workerIdentity as string, writtenAt: new Date(row.writtenAt).toISOString() };
    },

    /** Billing reads usage later; the unique idempotency key makes a retried activity a no-op. */
    async recordUsage(event: UsageEvent): Promise<{ recorded: boolean }> {
      const rows = await knex('usage_events')
        .insert({
          workspaceId: event.workspaceId,
          kind: event.kind,
          quantity: event.quantity ?? 1,
          idempotencyKey: event.idempotencyKey,
          metadata: JSON.stringify(event.metadata ?? {}),
        })
        .onConflict('idempotency_key')
        .ignore()
        .returning('id');
      return { recorded: rows.length > 0 };
    },
  };
}

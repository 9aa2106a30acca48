import { Model } from 'objection';
import type { UsageKind } from '@argus/workflows/contract';
import type { Db } from '../knex';

// Owner of `usage_events`: what billing reads later. Each event is recorded once thanks to its idempotency key.

export interface UsageEventRow {
  id: string;
  workspaceId: string;
  kind: UsageKind;
  quantity: number;
  idempotencyKey: string;
  metadata: Record<string, unknown>;
  occurredAt: Date;
}

export interface UsageEventModel extends UsageEventRow {}
export class UsageEventModel extends Model {
  static tableName = 'usage_events';

  static jsonSchema = {
    type: 'object',
    required: ['workspaceId', 'kind', 'idempotencyKey'],
    properties: {
      workspaceId: { type: 'string' },
      kind: { type: 'string', enum: ['analysis', 'fix'] },
      quantity: { type: 'integer', minimum: 0 },
      idempotencyKey: { type: 'string' },
      metadata: { type: 'object' },
    },
  };
}

export interface NewUsageEvent {
  workspaceId: string;
  kind: UsageKind;
  quantity?: number;
  idempotencyKey: string;
  metadata?: Record<string, unknown>;
}

/** Records a usage event once: a second call with the same idempotency key (a retried activity) is a no-op. */
export async function recordUsageEvent(db: Db, event: NewUsageEvent): Promise<{ recorded: boolean }> {
  const rows = await db('usage_events')
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
}

import { Model } from 'objection';
import type { Db } from '../knex';

// Owner of `probe_results`: one row per readiness probe, written by a worker and read back by the API.

export interface ProbeResultRow {
  id: string;
  probeId: string;
  workflowId: string;
  workerIdentity: string;
  writtenAt: Date;
}

export interface ProbeResultModel extends ProbeResultRow {}
export class ProbeResultModel extends Model {
  static tableName = 'probe_results';

  static jsonSchema = {
    type: 'object',
    required: ['probeId', 'workflowId', 'workerIdentity'],
    properties: { probeId: { type: 'string' }, workflowId: { type: 'string' }, workerIdentity: { type: 'string' } },
  };
}

/** Idempotent on the probe id: a retried activity overwrites the workflow id and keeps the first worker's row. */
export async function recordProbeResult(db: Db, probe: { probeId: string; workflowId: string; workerIdentity: string }): Promise<Pick<ProbeResultRow, 'probeId' | 'workerIdentity' | 'writtenAt'>> {
  const [row] = await db('probe_results').insert(probe).onConflict('probe_id').merge(['workflow_id']).returning(['probeId', 'workerIdentity', 'writtenAt']);
  return row as Pick<ProbeResultRow, 'probeId' | 'workerIdentity' | 'writtenAt'>;
}

export async function findProbeResult(db: Db, probeId: string): Promise<ProbeResultRow | undefined> {
  return ProbeResultModel.query(db).findOne({ probeId });
}

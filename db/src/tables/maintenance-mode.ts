import type { Db } from '../knex';

// Owner of `maintenance_mode`: the one row every API process reads to decide whether non-staff writes are refused.

export interface MaintenanceState {
  enabled: boolean;
  message: string;
  retryAfterSeconds: number;
  startedAt: Date | null;
  changedBy: string | null;
  changedByName: string | null;
  updatedAt: Date;
}

export async function readMaintenanceState(db: Db): Promise<MaintenanceState> {
  const row = (await db('maintenance_mode as m')
    .leftJoin('users as u', 'u.id', 'm.changedBy')
    .where('m.id', true)
    .first('m.enabled', 'm.message', 'm.retryAfterSeconds', 'm.startedAt', 'm.changedBy', 'u.name as changedByName', 'm.updatedAt')) as MaintenanceState | undefined;
  // The migration inserts the row; without it (a hand-edited database) the platform is simply not in maintenance.
  return row ?? { enabled: false, message: '', retryAfterSeconds: 300, startedAt: null, changedBy: null, changedByName: null, updatedAt: new Date(0) };
}

/** Switches maintenance on or off; returns the state before, for the audit entry. Locks the row until the transaction ends. */
export async function writeMaintenanceState(db: Db, next: { enabled: boolean; message: string; retryAfterSeconds: number; changedBy: string }): Promise<{ enabled: boolean; message: string }> {
  const before = (await db('maintenance_mode').where({ id: true }).forUpdate().first('enabled', 'message')) as { enabled: boolean; message: string } | undefined;
  await db('maintenance_mode')
    .insert({ id: true, ...next, startedAt: next.enabled ? db.fn.now() : null, updatedAt: db.fn.now() })
    .onConflict('id')
    .merge({
      enabled: next.enabled,
      message: next.message,
      retryAfterSeconds: next.retryAfterSeconds,
      changedBy: next.changedBy,
      updatedAt: db.fn.now(),
      // A change of message keeps the window's start; switching on starts it, switching off clears it.
      startedAt: next.enabled ? db.raw('coalesce(maintenance_mode.started_at, now())') : null,
    });
  return before ?? { enabled: false, message: '' };
}

import type { Response } from 'express';
import { listActivityBatchForWorkspace, listActivityForWorkspace, resourceKey, resourceLabels, type ActivityCursor, type ActivityFeedRow, type ActivityFilters } from '@argus/db';
import type { AppDeps } from '../app-deps';
import { csvRow, writeChunk } from './csv';

// A team's activity feed (the audit log of one workspace): a page of JSON, or every match as CSV.

/** The shape of docs/api-contract.md. */
export interface ActivityView {
  id: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** What the resource is called (a repository's full name, a member's name), for people reading the log. */
  resourceName: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

function toActivity(row: ActivityFeedRow, labels: Map<string, string> = new Map()): ActivityView {
  return {
    id: String(row.id),
    actor: row.actorId ? { id: row.actorId, name: row.actorName!, email: row.actorEmail! } : null,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId ?? null,
    resourceName: row.resourceId ? (labels.get(resourceKey(row.resourceType, row.resourceId)) ?? null) : null,
    ip: row.ip ?? null,
    userAgent: row.userAgent ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt,
  };
}

export async function listActivity(
  deps: AppDeps,
  workspaceId: string,
  filters: ActivityFilters,
  page: number,
  pageSize: number,
): Promise<{ items: ActivityView[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await listActivityForWorkspace(deps.knex, workspaceId, filters, { page, pageSize });
  const labels = await resourceLabels(deps.knex, rows);
  return { items: rows.map((row) => toActivity(row, labels)), total, page, pageSize };
}

const CSV_HEADER = ['id', 'createdAt', 'actorId', 'actorName', 'actorEmail', 'action', 'resourceType', 'resourceId', 'ip', 'userAgent', 'before', 'after'];
const CSV_BATCH = 500;

/**
 * Streams every matching entry (pagination does not apply) as CSV, newest first, in keyset batches so a
 * large log never sits in memory. The cursor is the exact Postgres timestamp text plus the id.
 */
export async function streamActivityCsv(deps: AppDeps, res: Response, workspace: { id: string; slug: string }, filters: ActivityFilters): Promise<void> {
  let cursor: ActivityCursor | null = null;
  const fetchBatch = () => listActivityBatchForWorkspace(deps.knex, workspace.id, filters, { after: cursor, limit: CSV_BATCH });
  let rows = await fetchBatch();
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="activity-${workspace.slug.replace(/[^a-z0-9-]/gi, '')}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  try {
    await writeChunk(res, csvRow(CSV_HEADER));
    while (rows.length && !res.destroyed) {
      let chunk = '';
      for (const row of rows) {
        const a = toActivity(row);
        chunk += csvRow([a.id, a.createdAt, a.actor?.id, a.actor?.name, a.actor?.email, a.action, a.resourceType, a.resourceId, a.ip, a.userAgent, a.before, a.after]);
      }
      await writeChunk(res, chunk);
      if (rows.length < CSV_BATCH) break;
      const last = rows[rows.length - 1]!;
      cursor = { at: last.cursorAt, id: Number(last.id) };
      rows = await fetchBatch();
    }
    res.end();
  } catch (err) {
    // The status line is gone already; cutting the connection is the only honest signal left.
    deps.logger.error({ err }, 'activity CSV export failed mid-stream');
    res.destroy(err as Error);
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../e2e/support/test-env';
import { migrateToLatest, rollbackAll } from './migrate';
import { migrations } from './migrations/index';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('migrations', () => {
  it('every migration has a down, and the whole set rolls back and re-applies cleanly', async () => {
    for (const [name, m] of Object.entries(migrations)) expect(typeof m.down, name).toBe('function');
    await rollbackAll(env.knex);
    const tables = await env.knex.raw(`select count(*)::int as n from information_schema.tables where table_schema='public' and table_name not like 'knex_%'`);
    expect(tables.rows[0].n).toBe(0);
    const applied = await migrateToLatest(env.knex);
    expect(applied).toEqual(Object.keys(migrations).sort());
  });

  it('keeps the activity log append-only', async () => {
    const [row] = await env.knex('activity_log').insert({ action: 'test.created', resourceType: 'test' }).returning('id');
    await expect(env.knex('activity_log').where({ id: row.id }).update({ action: 'rewritten' })).rejects.toThrow(/append-only/);
    await expect(env.knex('activity_log').where({ id: row.id }).delete()).rejects.toThrow(/append-only/);
  });
});

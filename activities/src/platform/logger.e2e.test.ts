import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createLogger } from './logger';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('system_log sink', () => {
  it('copies warn and error lines (not info) with component, context and stack, scrubbed', async () => {
    const { logger, attachSystemLog } = createLogger({ level: 'info', component: 'worker' });
    const sink = attachSystemLog(env.knex, { maxPerMinute: 100 });
    logger.info('routine');
    logger.warn({ repository: 'acme/api', token: 'ghp_0123456789abcdefghijABCDEFGHIJ' }, 'slow clone');
    logger.error({ err: new Error('clone failed') }, 'analysis step failed');
    await sink.stop();
    const rows = await env.knex('system_log').orderBy('id');
    expect(rows.map((r) => [r.level, r.message, r.component])).toEqual([
      ['warn', 'slow clone', 'worker'],
      ['error', 'analysis step failed', 'worker'],
    ]);
    expect(rows[0].context.repository).toBe('acme/api');
    expect(JSON.stringify(rows[0].context)).not.toContain('ghp_');
    expect(rows[1].stackTrace).toContain('clone failed');
  });

  it('caps the volume per minute and counts what it dropped', async () => {
    await env.knex('system_log').delete();
    const { logger, attachSystemLog } = createLogger({ level: 'warn', component: 'api' });
    const sink = attachSystemLog(env.knex, { maxPerMinute: 10 });
    for (let i = 0; i < 50; i++) logger.error(`storm ${i}`);
    await sink.stop();
    expect(await env.knex('system_log').count('* as n').first()).toEqual({ n: 10 });
    expect(sink.dropped).toBe(40);
  });
});

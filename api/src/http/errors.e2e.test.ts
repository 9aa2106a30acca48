import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createErrorHandler } from './error-handler';
import { ConflictError, toProblem } from './errors';
import { User } from '@argus/db';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

/** A tiny app around the real error handler, with routes that fail the way real code does. */
function appThrowing(fn: () => Promise<unknown>) {
  const app = express();
  app.get('/boom', async () => {
    await fn();
  });
  app.use(createErrorHandler(env.deps));
  return app;
}

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errorId).toMatch(/^[0-9a-f]{32}$/);
  expect(res.body.status).toBe(status);
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/insert into|select |at .*\.ts:\d+|duplicate key|violates/i);
}

describe('error mapping (one place, RFC 9457)', () => {
  it('maps a real unique violation from Postgres to 409 without SQL', async () => {
    await env.knex('users').insert({ email: 'dup@example.test', name: 'a', passwordHash: 'x' });
    const res = await request(appThrowing(() => env.knex('users').insert({ email: 'DUP@example.test', name: 'b', passwordHash: 'x' }))).get('/boom');
    expectProblem(res, 409);
  });

  it('maps a foreign-key violation to 409', async () => {
    const res = await request(appThrowing(() => env.knex('workspace_members').insert({ workspaceId: '00000000-0000-0000-0000-000000000000', userId: '00000000-0000-0000-0000-000000000000', role: 'admin' }))).get('/boom');
    expectProblem(res, 409);
  });

  it("maps Objection's NotFoundError to 404", async () => {
    const res = await request(appThrowing(async () => User.query(env.knex).findById('00000000-0000-0000-0000-000000000000').throwIfNotFound())).get('/boom');
    expectProblem(res, 404);
  });

  it('maps Temporal workflow-not-found to 404 and already-started to 409', async () => {
    const notFound = await request(appThrowing(() => env.temporal.workflow.getHandle('no-such-workflow').describe())).get('/boom');
    expectProblem(notFound, 404);
    const id = `dup-${Date.now()}`;
    const start = () => env.temporal.workflow.start('probeReadiness', { taskQueue: 'nobody-polls-this', workflowId: id, args: ['x'] });
    await start();
    const conflict = await request(appThrowing(start)).get('/boom');
    expectProblem(conflict, 409);
    await env.temporal.workflow.getHandle(id).terminate('test cleanup');
  });

  it('answers 500 for unexpected errors without their message or stack', async () => {
    const res = await request(appThrowing(async () => {
      throw new Error('password=hunter2 at /srv/secret.ts:12');
    })).get('/boom');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('answers 400 for malformed JSON and 404 for unknown routes, with an error id', async () => {
    const bad = await request(env.app).post('/api/probes').set('content-type', 'application/json').send('{"nope":');
    expectProblem(bad, 400);
    expectProblem(await request(env.app).get('/api/does-not-exist'), 404);
  });

  it('keeps AppError details and status', () => {
    const p = toProblem(new ConflictError('The slug is taken.'), '/x');
    expect(p).toMatchObject({ status: 409, title: 'Conflict', detail: 'The slug is taken.', instance: '/x' });
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document built from the zod schemas, and interactive docs', async () => {
    const doc = await request(env.app).get('/openapi.json').expect(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/readyz'].get).toBeDefined();
    expect(doc.body.components.schemas.Problem).toBeDefined();
    const html = await request(env.app).get('/docs/').expect(200);
    expect(html.text).toContain('swagger-ui');
  });
});

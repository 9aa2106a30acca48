import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import examples from '@octokit/webhooks-examples';
import { verify } from '@octokit/webhooks-methods';
import { Client, Connection } from '@temporalio/client';
import { createKnex } from '@argus/db';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { startGitHubApiLoopback, type GitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { activateRepository, createTeam, linkInstallation, signUp } from '../../../e2e/support/github-app-flow';
import { createApp } from '../app';
import { freePort } from '../../../scripts/lib/processes';
import { relayPendingDeliveries, verifyGitHubSignature } from './github-webhooks.service';

// Payloads are GitHub's real example deliveries from @octokit/webhooks-examples.
const SECRET = 'webhook-test-secret';
let env: TestEnv;
let github: GitHubApiLoopback;
// The examples' repository (Codertocat/Hello-World), installed and activated in a workspace through the App flow.
const EXAMPLE_REPO_ID = 186853002;
beforeAll(async () => {
  github = await startGitHubApiLoopback();
  env = await createTestEnv({ GITHUB_WEBHOOK_SECRET: SECRET, ...github.appEnv() });
  const owner = await signUp(env.app, 'Codertocat');
  const team = await createTeam(env.app, owner.authHeader, 'Codertocat');
  const installation = github.addInstallation({ account: { login: 'Codertocat', type: 'User' }, repositories: [{ id: EXAMPLE_REPO_ID, name: 'Hello-World', default_branch: 'master' }], users: ['Codertocat'] });
  const linked = await linkInstallation(env.app, owner.authHeader, github, team.id, installation, 'Codertocat');
  await activateRepository(env.app, owner.authHeader, linked.installation.id, EXAMPLE_REPO_ID);
});
afterAll(async () => {
  await env.close();
  await github.close();
});

function example(name: string, pick: (p: any) => boolean) {
  const group = (examples as { name: string; examples: any[] }[]).find((e) => e.name === name)!;
  return structuredClone(group.examples.find(pick));
}
const pushToDefault = () => example('push', (p) => p.ref === 'refs/heads/master' && !p.deleted);

async function waitForWorkflow(workflowId: string) {
  for (let i = 0; ; i++) {
    try {
      return await env.temporal.workflow.getHandle(workflowId).describe();
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function deliver(app: Parameters<typeof request>[0], event: string, payload: unknown, opts: { deliveryId?: string; secret?: string; raw?: string } = {}) {
  const body = opts.raw ?? JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', opts.secret ?? SECRET).update(body).digest('hex')}`;
  return request(app)
    .post('/webhooks/github')
    .set('content-type', 'application/json')
    .set('x-github-event', event)
    .set('x-github-delivery', opts.deliveryId ?? randomUUID())
    .set('x-hub-signature-256', signature)
    .send(body);
}

describe('signature', () => {
  it("matches GitHub's documented test vector, and agrees with @octokit/webhooks-methods", async () => {
    const secret = "It's a Secret to Everybody";
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifyGitHubSignature(secret, Buffer.from('Hello, World!'), header)).toBe(true);
    expect(await verify(secret, 'Hello, World!', header)).toBe(true);
    expect(verifyGitHubSignature(secret, Buffer.from('Hello, World?'), header)).toBe(false);
    expect(verifyGitHubSignature(secret, Buffer.from('Hello, World!'), 'sha256=00')).toBe(false);
  });

  it('answers 401 for a missing or wrong signature, before reading the payload', async () => {
    await request(env.app).post('/webhooks/github').set('x-github-event', 'push').set('x-github-delivery', randomUUID()).send('{}').expect(401);
    await deliver(env.app, 'push', pushToDefault(), { secret: 'not-the-secret' }).expect(401);
  });
});

describe('intake checks', () => {
  it('answers 400 for signed but malformed JSON', async () => {
    const res = await deliver(env.app, 'push', null, { raw: '{"ref": ' }).expect(400);
    expect(res.body.errorId).toBeDefined();
  });

  it('answers 413 for a body over 25 MB', async () => {
    const big = `{"pad":"${'x'.repeat(25 * 1024 * 1024 + 10)}"}`;
    await deliver(env.app, 'push', null, { raw: big }).expect(413);
  });

  it('answers 202 ignored for events and refs Argus does not use', async () => {
    const star = await deliver(env.app, 'star', example('star', () => true)).expect(202);
    expect(star.body.status).toBe('ignored');
    const tag = await deliver(env.app, 'push', example('push', (p) => p.ref.startsWith('refs/tags/') && !p.deleted)).expect(202);
    expect(tag.body).toMatchObject({ status: 'ignored', reason: 'push is not to the default branch' });
    const labeled = await deliver(env.app, 'pull_request', example('pull_request', (p) => p.action === 'labeled')).expect(202);
    expect(labeled.body.status).toBe('ignored');
  });
});

describe('installation events', () => {
  it('record the installation, but activate none of its repositories (a workspace picks them)', async () => {
    const payload = example('installation', (p) => p.action === 'created');
    payload.installation.id = 5550001;
    payload.repositories[0].id = 5550002;
    await deliver(env.app, 'installation', payload).expect(202);
    const installation = await env.knex('github_installations').where({ installationId: payload.installation.id }).first();
    expect(installation).toMatchObject({ accountLogin: payload.installation.account.login, workspaceId: null });
    expect(await env.knex('repositories').where({ githubRepoId: payload.repositories[0].id }).first()).toBeUndefined();
    const push = pushToDefault();
    push.repository.id = payload.repositories[0].id;
    const deliveryId = randomUUID();
    const res = await deliver(env.app, 'push', push, { deliveryId }).expect(202);
    expect(res.body).toEqual({ status: 'ignored', reason: `${push.repository.full_name} is not activated in any Argus workspace` });
    expect(await env.knex('webhook_deliveries').where({ deliveryId }).first()).toMatchObject({ status: 'ignored', lastError: res.body.reason });
  });
});

describe('runs from pushes and pull requests', () => {
  it('a push to the default branch starts analyzeRepository with the delivery id as workflow id; a redelivery starts nothing', async () => {
    const deliveryId = randomUUID();
    const first = await deliver(env.app, 'push', pushToDefault(), { deliveryId }).expect(202);
    expect(first.body).toMatchObject({ status: 'accepted', workflowId: `analysis-${deliveryId}` });
    const again = await deliver(env.app, 'push', pushToDefault(), { deliveryId }).expect(202);
    expect(again.body.status).toBe('duplicate');
    const described = await waitForWorkflow(`analysis-${deliveryId}`);
    expect(described.type).toBe('analyzeRepository');
    const rows = await env.knex('webhook_deliveries').where({ deliveryId });
    expect(rows).toHaveLength(1);
    await env.temporal.workflow.getHandle(`analysis-${deliveryId}`).terminate('test cleanup');
  });

  it('a burst shares one insert per batch, and copies of a delivery inside one batch are duplicates', async () => {
    const ids = Array.from({ length: 10 }, () => randomUUID());
    // Ten deliveries, each sent three times at once: the group commit sees copies in the same batch.
    const answers = await Promise.all(ids.flatMap((deliveryId) => [0, 1, 2].map(() => deliver(env.app, 'push', pushToDefault(), { deliveryId }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    const statuses = answers.map((a) => a.body.status as string);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(20);
    expect(await env.knex('webhook_deliveries').whereIn('deliveryId', ids)).toHaveLength(10);
    for (const deliveryId of ids) {
      await waitForWorkflow(`analysis-${deliveryId}`);
      await env.temporal.workflow.getHandle(`analysis-${deliveryId}`).terminate('test cleanup');
    }
  });

  it('opened, synchronize and reopened pull requests start runs with head and base commits', async () => {
    for (const action of ['opened', 'synchronize', 'reopened']) {
      const payload = example('pull_request', (p) => p.action === action);
      const deliveryId = randomUUID();
      const res = await deliver(env.app, 'pull_request', payload, { deliveryId }).expect(202);
      expect(res.body.status).toBe('accepted');
      await waitForWorkflow(`analysis-${deliveryId}`);
      const handle = env.temporal.workflow.getHandle(`analysis-${deliveryId}`);
      const history = await handle.fetchHistory();
      const input = JSON.parse(Buffer.from(history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!.data!).toString());
      expect(input).toMatchObject({ trigger: 'pull_request', commitSha: payload.pull_request.head.sha, baseSha: payload.pull_request.base.sha, pullRequestNumber: payload.number });
      await handle.terminate('test cleanup');
    }
  });

  it('with Temporal stopped, the delivery is kept (202 accepted) and the relay starts it once Temporal is back', { timeout: 60_000 }, async () => {
    const deadTemporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '500 ms' }), namespace: env.config.TEMPORAL_NAMESPACE });
    const app = createApp({ ...env.deps, temporal: deadTemporal });
    const deliveryId = randomUUID();
    const res = await deliver(app, 'push', pushToDefault(), { deliveryId }).expect(202);
    expect(res.body.status).toBe('accepted');
    // The relay takes deliveries pending for over 15 s (fresher ones are the intake's own start queue's).
    await new Promise((r) => setTimeout(r, 15_500));
    expect((await env.knex('webhook_deliveries').where({ deliveryId }).first()).status).toBe('pending');
    expect(await relayPendingDeliveries(env.deps)).toBeGreaterThanOrEqual(1);
    expect((await env.knex('webhook_deliveries').where({ deliveryId }).first()).status).toBe('started');
    await env.temporal.workflow.getHandle(`analysis-${deliveryId}`).terminate('test cleanup');
  });

  it('with Postgres unavailable but Temporal up, starts the workflow before answering', async () => {
    const deadKnex = createKnex({ connectionString: `postgres://argus:argus@127.0.0.1:${await freePort()}/none` });
    try {
      const app = createApp({ ...env.deps, knex: deadKnex });
      const deliveryId = randomUUID();
      const res = await deliver(app, 'push', pushToDefault(), { deliveryId }).expect(202);
      expect(res.body.status).toBe('started');
      expect((await env.temporal.workflow.getHandle(`analysis-${deliveryId}`).describe()).type).toBe('analyzeRepository');
      await env.temporal.workflow.getHandle(`analysis-${deliveryId}`).terminate('test cleanup');
    } finally {
      await deadKnex.destroy();
    }
  });

  it('with both Postgres and Temporal unavailable, answers 503 and never 2xx', async () => {
    const deadTemporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '500 ms' }), namespace: env.config.TEMPORAL_NAMESPACE });
    const deadKnex = createKnex({ connectionString: `postgres://argus:argus@127.0.0.1:${await freePort()}/none` });
    try {
      const app = createApp({ ...env.deps, temporal: deadTemporal, knex: deadKnex });
      const res = await deliver(app, 'push', pushToDefault()).expect(503);
      expect(res.body.detail).toMatch(/not accepted/);
    } finally {
      await deadKnex.destroy();
    }
  });
});

describe('payload validation at intake', () => {
  it.each([
    ['pull_request', () => ({ action: 'opened', repository: { id: 1, full_name: 'a/b' } })],
    ['installation', () => ({ action: 'created' })],
    ['installation', () => ({ action: 'created', installation: { id: 'x', account: { login: 'acme' } } })],
    ['installation', () => ({ action: 'created', installation: { id: 7, account: { login: 'ac\u0000me' } } })],
    ['installation', () => ({ action: 'created', installation: { id: 2 ** 63, account: { login: 'acme' } } })],
    ['push', () => ({ ...pushToDefault(), repository: { ...pushToDefault().repository, id: 'abc' } })],
    ['push', () => ({ ...pushToDefault(), after: 'not-a-sha' })],
  ])('a signed %s with an odd shape is answered 400 and recorded as failed, never started', async (event, payload) => {
    const deliveryId = randomUUID();
    const res = await deliver(env.app, event, payload(), { deliveryId });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.detail).toMatch(new RegExp(`^The ${event} payload is not what GitHub sends: `));
    const row = await env.knex('webhook_deliveries').where({ deliveryId }).first();
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^malformed payload: /) });
    await expect(env.temporal.workflow.getHandle(`analysis-${deliveryId}`).describe()).rejects.toThrow();
  });

});

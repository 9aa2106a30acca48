import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';
import { allRoutes } from '../api/src/app';
import { answerClientErrorsWithProblems } from '../api/src/http/client-errors';
import type { RouteSpec } from '../api/src/http/route';

/**
 * Property: no input gives a 5xx. fast-check drives every route in `allRoutes` (so new routes are covered) with
 * hostile path parameters, query strings and bodies, as a real member and super_admin (so requests get past auth
 * into validation and handlers), against the real API, Postgres and Temporal. Every answer must be < 500 and,
 * when an error, problem+json with an error id and no stack, SQL or table name.
 */
const SECRET = 'fuzz-webhook-secret';
let env: TestEnv;
let authHeader: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv({ GITHUB_WEBHOOK_SECRET: SECRET });
  const me = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'fuzzer@example.test', staffRole: 'super_admin' });
  authHeader = me.authHeader;
  const other = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'fuzz-colleague@example.test' });
  const [team] = await env.knex('workspaces').insert({ name: 'Fuzz Team', slug: 'fuzz-team', kind: 'team', ownerId: me.user.id }).returning('id');
  await env.knex('workspace_members').insert([
    { workspaceId: team.id, userId: me.user.id, role: 'admin' },
    { workspaceId: team.id, userId: other.user.id, role: 'developer' },
  ]);
  const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: 'fuzz/repo', cloneUrl: 'https://git.example.com/fuzz/repo.git' }).returning('id');
  const [run] = await env.knex('analysis_runs').insert({ workspaceId: team.id, repositoryId: repo.id, workflowId: 'analysis-fuzz-run', trigger: 'manual', status: 'completed' }).returning('id');
  const [finding] = await env.knex('findings').insert({ runId: run.id, repositoryId: repo.id, workspaceId: team.id, tool: 'eslint', ruleId: 'eslint/no-eval', category: 'security', severity: 'high', path: 'src/a.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, message: 'eval', snippet: 'eval(x)', fingerprint: 'fp-fuzz' }).returning('id');
  const [installation] = await env.knex('github_installations').insert({ installationId: 4242, accountLogin: 'fuzz-org', accountType: 'Organization', workspaceId: team.id }).returning('id');
  Object.assign(ids, { installationId: installation.id, githubRepoId: '4243' });
  const [tier] = await env.knex('subscription_tier').where({ name: 'professional' }).select('id');
  const [subscription] = await env.knex('subscription').insert({ workspaceId: team.id, tierId: tier.id, periodTierId: tier.id, currentPeriodStart: new Date(Date.now() - 86_400_000), currentPeriodEnd: new Date(Date.now() + 86_400_000) }).returning('id');
  const [invoice] = await env.knex('invoice').insert({ subscriptionId: subscription.id, workspaceId: team.id, tierId: tier.id, billingPeriodStart: new Date(Date.now() - 40 * 86_400_000), billingPeriodEnd: new Date(Date.now() - 86_400_000), subtotalCents: 9900, totalCents: 9900, status: 'paid' }).returning('id');
  const [card] = await env.knex('payment_method').insert({ workspaceId: team.id, stripePaymentMethodId: 'pm_fuzz_card', brand: 'visa', last4: '4242', isDefault: true }).returning('id');
  Object.assign(ids, { invoiceId: invoice.id, paymentMethodId: card.id });
  Object.assign(ids, { teamId: team.id, workspaceId: team.id, userId: other.user.id, repositoryId: repo.id, runId: run.id, findingId: finding.id, fixId: finding.id, invitationId: finding.id, tokenId: finding.id });
}, 120_000);
afterAll(() => env?.close());

// Percent-encodings that decodeURIComponent refuses, and other hostile path segments.
const BAD_ENCODINGS = ['%ZZ', '%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '%FF', 'a%2', '%%', '%u0041'];
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', 'a\ud800b', '\udfff', '\ud83d', "'; drop table users; --", '${7*7}', '../../etc/passwd', 'x'.repeat(5000), '-1', '0', '2147483648', '9223372036854775808', '1e309', 'NaN', 'true', 'null', '[]', '{}'),
);
const hostileNumber = fc.oneof(fc.integer(), fc.constantFrom(2147483648, -2147483649, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 1e309, -0, 0.5));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileText, hostileNumber, fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(hostileText, tie('value'), { maxKeys: 3 })),
})).value;

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

const pathSegment = (name: string) =>
  fc.oneof(
    fc.constant(ids[name] ?? '00000000-0000-4000-8000-000000000000'),
    fc.uuid(),
    fc.constantFrom(...BAD_ENCODINGS),
    hostileText.map((t) => {
      try {
        return encodeURIComponent(t) || 'x';
      } catch {
        return '%ED%A0%80'; // a lone surrogate, UTF-8 encoded the way a raw client would send it
      }
    }),
  );

function requestFor(route: RouteSpec) {
  const params = route.path.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? [];
  const queryKeys = [...shapeKeys(route.query), 'q', 'page', 'sort', 'range', 'filter'];
  const bodyKeys = shapeKeys(route.body);
  return fc.record({
    segments: fc.tuple(...params.map(pathSegment)),
    query: fc.dictionary(fc.constantFrom(...queryKeys), fc.oneof(hostileText, fc.array(hostileText, { maxLength: 2 })), { maxKeys: 4 }),
    body: fc.oneof(
      bodyKeys.length ? fc.dictionary(fc.constantFrom(...bodyKeys), hostileValue, { maxKeys: bodyKeys.length }) : fc.dictionary(hostileText, hostileValue, { maxKeys: 3 }),
      hostileValue,
    ),
  });
}

function assertProblem(res: request.Response, label: string) {
  expect(res.status, `${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers['content-type'], label).toMatch(/application\/problem\+json/);
    expect(res.body.errorId, label).toMatch(/^[0-9a-f]{32}$/);
    const text = JSON.stringify(res.body);
    expect(text, label).not.toMatch(/\bat \w+ \(|node_modules|\/work\/|select .* from|insert into|analysis_runs|workspace_members|violates/i);
  }
}

// The probe waits for a worker round trip and answers 503 when none runs: a dependency's state, not an input.
const routes = allRoutes.filter((r) => r.path !== '/api/probes');

describe('no input gives a 5xx', () => {
  it('covers the whole router', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (label, route) => {
    await fc.assert(
      fc.asyncProperty(requestFor(route), async ({ segments, query, body }) => {
        let i = 0;
        const url = route.path.replace(/:(\w+)/g, () => segments[i++]!);
        const req = request(env.app)[route.method](url).set('authorization', authHeader).query(query as Record<string, string>);
        const res = route.method === 'get' || route.method === 'delete' ? await req : await req.set('content-type', 'application/json').send(JSON.stringify(body) ?? 'null');
        assertProblem(res, `${label} ${url}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 12), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
    );
  });

  it('signed GitHub webhooks with odd shapes are answered 2xx or 4xx, never retried into a 5xx', async () => {
    const events = ['push', 'pull_request', 'installation', 'installation_repositories', 'ping'];
    const oddPayload = fc.oneof(
      hostileValue,
      fc.record({ repository: fc.oneof(hostileValue, fc.record({ id: hostileValue, full_name: hostileText, default_branch: hostileText })), ref: hostileText, after: hostileText, installation: hostileValue }, { requiredKeys: [] }),
      fc.record({ action: fc.constantFrom('opened', 'synchronize', 'closed', 'created', 'deleted', 'added', 'removed'), pull_request: hostileValue, installation: fc.oneof(hostileValue, fc.record({ id: hostileValue, account: fc.record({ login: hostileText, id: hostileValue }) })), repository: hostileValue }, { requiredKeys: ['action'] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), oddPayload, fc.uuid(), async (event, payload, deliveryId) => {
        const body = JSON.stringify(payload) ?? 'null';
        const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        const res = await request(env.app)
          .post('/webhooks/github')
          .set({ 'x-github-event': event, 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature, 'content-type': 'application/json' })
          .send(body);
        assertProblem(res, `${event} ${body.slice(0, 200)}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 12) * 6, endOnFailure: true },
    );
  });

  it('a 30 KB URL gets problem+json 431, not Node’s bare status line', async () => {
    const server = env.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    answerClientErrorsWithProblems(server);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/runs?q=${'a'.repeat(30_000)}`);
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await res.json()) as { status: number; errorId: string; detail: string };
      expect(problem.status).toBe(431);
      expect(problem.errorId).toMatch(/^[0-9a-f]{32}$/);
      expect(problem.detail).toMatch(/too long/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reads a large SARIF upload only after authenticating (an anonymous 2 MB of broken JSON is 401, not parsed)', async () => {
    const junk = `{"runs": [${'1,'.repeat(1_000_000)}`;
    const anonymous = await request(env.app).post(`/api/runs/${ids.runId}/sarif`).set('content-type', 'application/json').send(junk);
    expect(anonymous.status).toBe(401);
    const member = await request(env.app).post(`/api/runs/${ids.runId}/sarif`).set('authorization', authHeader).set('content-type', 'application/json').send(junk);
    expect(member.status).toBe(400);
    // Every other route still caps JSON at 1 MB.
    const big = await request(env.app).patch(`/api/teams/${ids.teamId}`).set('authorization', authHeader).set('content-type', 'application/json').send(JSON.stringify({ description: 'x'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
  });

  it('names the field and speaks to people when text cannot be stored', async () => {
    const res = await request(env.app).get('/api/runs/%ZZ').set('authorization', authHeader);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/percent-encoding/);
    const nul = await request(env.app).patch(`/api/teams/${ids.teamId}`).set('authorization', authHeader).send({ description: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ path: 'body.description', message: expect.stringMatching(/NUL/) }]);
    expect(nul.body.detail).toMatch(/^Description must not contain NUL/);
  });
});

describe('SARIF import refuses what it must not store', () => {
  const sarif = (result: Record<string, unknown>, rule: Record<string, unknown> = {}) => ({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'other-tool', rules: [{ id: 'r1', ...rule }] } }, results: [{ ruleId: 'r1', level: 'error', message: { text: 'm' }, ...result }] }],
  });
  const at = (uri: string, startLine = 3) => ({ locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } } }] });

  it('keeps only http(s) help links, so a stored javascript: URL can never be rendered', async () => {
    for (const [i, helpUri] of ['javascript:alert(document.cookie)', 'data:text/html,<script>x</script>', 'JaVaScRiPt:alert(1)', 'https://docs.example.com/r1'].entries()) {
      const res = await request(env.app).post(`/api/runs/${ids.runId}/sarif`).set('authorization', authHeader).send(sarif(at(`src/help-${i}.js`), { helpUri }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const stored = await env.knex('findings').where({ runId: ids.runId }).whereLike('path', 'src/help-%').select('helpUrl');
    expect(stored.map((f: { helpUrl: string | null }) => f.helpUrl).sort()).toEqual(['https://docs.example.com/r1', null, null, null]);
  });

  it('skips results whose path leaves the repository, and refuses lines beyond int4 with a 400', async () => {
    const before = await env.knex('findings').where({ runId: ids.runId }).count({ n: '*' }).first();
    for (const uri of ['../../etc/passwd', '/proc/self/environ', 'src/../../x.js', 'a//b.js', 'src/\u0000.js']) {
      const res = await request(env.app).post(`/api/runs/${ids.runId}/sarif`).set('authorization', authHeader).send(sarif(at(uri)));
      expect(res.status, `${uri}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
    const after = await env.knex('findings').where({ runId: ids.runId }).count({ n: '*' }).first();
    expect(after!.n).toBe(before!.n);
    const big = await request(env.app).post(`/api/runs/${ids.runId}/sarif`).set('authorization', authHeader).send(sarif(at('src/big.js', 2147483648)));
    expect(big.status).toBe(400);
  });
});

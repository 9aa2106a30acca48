import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';
import { waitForRun } from './support/runs';
import { createBareSampleRemote, ROLES_JS, waitForFix, type BareRemote } from './support/fixes';
import { stableOpenApiDocument } from '../scripts/lib/api-types';

// The generated browser types are only as true as the response schemas: every answer the portal reads, from a real
// analysis and a real fix, is validated against the OpenAPI document. Objects are closed (additionalProperties:
// false) here, so a field the API sends but the schema leaves out fails too.

type Json = Record<string, unknown>;
const doc = stableOpenApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>; components: Json };

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, closeObjects(s)])) : closeObjects(v)])) as Json;
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const components = closeObjects(doc.components);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** Asserts that a response matches its route's documented schema for that status. */
function conforms(method: string, path: string, res: request.Response) {
  const documented = doc.paths[path]?.[method]?.responses[String(res.status)];
  expect(documented, `${method.toUpperCase()} ${path} answered ${res.status}, which it does not document: ${JSON.stringify(res.body)}`).toBeDefined();
  const schema = documented!.content?.['application/json']?.schema;
  expect(schema, `${method.toUpperCase()} ${path} ${res.status} has no JSON schema`).toBeDefined();
  const validate = ajv.compile({ ...(closeObjects(schema) as Json), components });
  const ok = validate(res.body);
  expect(ok, `${method.toUpperCase()} ${path} ${res.status}: ${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(res.body, null, 2).slice(0, 3000)}`).toBe(true);
  return res.body;
}

let env: TestEnv;
let remote: BareRemote;
let auth: string;
let workspaceId: string;

beforeAll(async () => {
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1' });
  remote = await createBareSampleRemote({ 'src/roles.js': ROLES_JS });
  const admin = await createUserWithToken(env.knex, env.config.jwtSecret);
  auth = admin.authHeader;
  const [ws] = await env.knex('workspaces').insert({ name: 'Contract', slug: `contract-${Date.now()}`, kind: 'team', ownerId: admin.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert({ workspaceId, userId: admin.user.id, role: 'admin' });
  await env.startWorker();
}, 180_000);
afterAll(async () => {
  await env?.close();
  await remote?.cleanup();
});

const get = (url: string) => request(env.app).get(url).set('authorization', auth);
const post = (url: string, body?: object) => request(env.app).post(url).set('authorization', auth).send(body);

describe('answers match the response schemas', () => {
  it('me, repositories, runs, findings, fixes and AI keys', async () => {
    conforms('get', '/api/me', await get('/api/me'));
    conforms('get', '/api/teams', await get('/api/teams'));

    const repo = conforms('post', '/api/workspaces/{workspaceId}/repositories', await post(`/api/workspaces/${workspaceId}/repositories`, { cloneUrl: `file://${remote.bare}`, name: 'acme/shop' })) as Json;
    const started = conforms('post', '/api/repositories/{repositoryId}/analyze', await post(`/api/repositories/${repo.id}/analyze`, {})) as Json;
    const finished = await waitForRun(env.app, auth, started.runId as string);
    expect(finished.status).toBe('completed');
    conforms('get', '/api/workspaces/{workspaceId}/repositories', await get(`/api/workspaces/${workspaceId}/repositories`));
    conforms('get', '/api/repositories/{repositoryId}', await get(`/api/repositories/${repo.id}`));
    conforms('patch', '/api/repositories/{repositoryId}', await request(env.app).patch(`/api/repositories/${repo.id}`).set('authorization', auth).send({ credential: 'a-token' }));

    const runId = started.runId as string;
    const run = conforms('get', '/api/runs/{runId}', await get(`/api/runs/${runId}`)) as Json;
    expect(run.summary).not.toBeNull();
    expect(run.gate).not.toBeNull();
    conforms('get', '/api/workspaces/{workspaceId}/runs', await get(`/api/workspaces/${workspaceId}/runs`));

    const page = conforms('get', '/api/runs/{runId}/findings', await get(`/api/runs/${runId}/findings?pageSize=200`)) as { items: Json[] };
    const eq = page.items.find((f) => f.ruleId === 'eslint/eqeqeq' && f.path === 'src/legacy.js')!;
    const other = page.items.find((f) => f.id !== eq.id)!;
    conforms('get', '/api/findings/{findingId}', await get(`/api/findings/${eq.id}`));
    conforms('patch', '/api/findings/{findingId}/triage', await request(env.app).patch(`/api/findings/${other.id}/triage`).set('authorization', auth).send({ status: 'wont_fix', reason: 'legacy' }));
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Semgrep', rules: [{ id: 'r1' }] } }, results: [{ ruleId: 'r1', level: 'warning', message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region: { startLine: 2 } } }] }, { message: { text: 'no rule' } }] }] };
    conforms('post', '/api/runs/{runId}/sarif', await post(`/api/runs/${runId}/sarif`, sarif));

    const queued = conforms('post', '/api/fixes/generate/{findingId}', await post(`/api/fixes/generate/${eq.id}?provider=builtin`)) as Json;
    conforms('post', '/api/fixes/generate/{findingId}', await post(`/api/fixes/generate/${eq.id}?provider=builtin`));
    const fix = await waitForFix(env.app, auth, eq.id as string, queued.id as string);
    expect(fix.status).toBe('validated');
    conforms('get', '/api/fixes/{findingId}', await get(`/api/fixes/${eq.id}`));
    conforms('get', '/api/fixes/result/{findingId}/all', await get(`/api/fixes/result/${eq.id}/all`));
    conforms('get', '/api/runs/{runId}/fixes', await get(`/api/runs/${runId}/fixes`));
    conforms('post', '/api/fixes/{fixId}/apply', await post(`/api/fixes/${queued.id}/apply`));
    conforms('post', '/api/fixes/{fixId}/create-pr', await post(`/api/fixes/${queued.id}/create-pr`));
    const deadline = Date.now() + 90_000;
    while ((await get(`/api/fixes/${eq.id}`)).body.status !== 'pr_open' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const opened = conforms('post', '/api/fixes/{fixId}/create-pr', await post(`/api/fixes/${queued.id}/create-pr`)) as { fix: Json };
    expect(opened.fix.status).toBe('pr_open');
    conforms('get', '/api/fixes/{findingId}', await get(`/api/fixes/${eq.id}`));

    conforms('get', '/api/workspaces/{workspaceId}/ai-keys', await get(`/api/workspaces/${workspaceId}/ai-keys`));
    conforms('put', '/api/workspaces/{workspaceId}/ai-keys', await request(env.app).put(`/api/workspaces/${workspaceId}/ai-keys`).set('authorization', auth).send({ provider: 'groq', apiKey: 'gsk_contract_test_key' }));
    conforms('get', '/api/workspaces/{workspaceId}/ai-keys', await get(`/api/workspaces/${workspaceId}/ai-keys`));
  }, 240_000);
});

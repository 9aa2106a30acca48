import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { searchIndexState, setSearchOutboxEnabled } from '@argus/db';
import { createTypesenseClient } from '@argus/activities';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { seedFinishedRun } from '../../../e2e/support/finished-run';
import { startTypesenseLoopback, type TypesenseLoopback } from '../../../e2e/support/typesense-loopback';

// One contract, two backends. "postgres": the embedded default (tsvector + GIN). "typesense": the official
// `typesense` client against TYPESENSE_URL when the environment sets one (a real server, e.g. docker compose), else
// against e2e/support/typesense-loopback.ts, a loopback server speaking Typesense's HTTP API. On the Typesense side
// the documents get there the production way: outbox triggers → indexSearchOutbox workflow (whose first run builds
// the collections with the reindexSearch child workflow) on a real worker and the real Temporal dev server.

const BACKENDS = ['postgres', 'typesense'] as const;

const FINDINGS_A = [
  { ruleId: 'security/sql-injection', path: 'src/db/query.ts', severity: 'critical', category: 'security', message: 'Possible SQL injection: user input reaches the query builder' },
  { ruleId: 'eslint/no-eval', path: 'src/run.js', severity: 'high', category: 'security', message: 'eval() executes arbitrary code' },
  { ruleId: 'ruff/F401', path: 'app/models.py', severity: 'low', category: 'maintainability', message: 'os imported but unused' },
] as const;

describe.each(BACKENDS)('search on %s', (backend) => {
  let env: TestEnv;
  let loopback: TypesenseLoopback | null = null;
  let owner: Awaited<ReturnType<typeof createUserWithToken>>;
  let rival: Awaited<ReturnType<typeof createUserWithToken>>;
  let workspaceA: string;
  let workspaceB: string;
  let repoA: string;
  let repoOld: string;
  let runA: string;
  let rivalFindingId: string;
  const ids: Record<string, string> = {};

  /** Typesense learns of changes through the outbox; Postgres needs nothing. */
  async function sync() {
    if (backend !== 'typesense') return;
    await env.temporal.workflow.execute('indexSearchOutbox', { taskQueue: env.taskQueue, workflowId: `search-drain-${randomUUID()}`, args: [] });
  }

  const search = (path: string, query: Record<string, string | number>, who = owner) =>
    request(env.app).get(`/api/search${path}`).query(query).set('authorization', who.authHeader);

  beforeAll(async () => {
    let typesense: Record<string, string> = {};
    if (backend === 'typesense') {
      if (process.env.TYPESENSE_URL) typesense = { TYPESENSE_URL: process.env.TYPESENSE_URL, TYPESENSE_API_KEY: process.env.TYPESENSE_API_KEY ?? '' };
      else {
        loopback = await startTypesenseLoopback();
        typesense = { TYPESENSE_URL: loopback.url, TYPESENSE_API_KEY: loopback.apiKey };
      }
    }
    env = await createTestEnv(typesense);
    if (backend === 'typesense') {
      await setSearchOutboxEnabled(env.knex, true);
      await env.startWorker();
    }
    owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    rival = await createUserWithToken(env.knex, env.config.jwtSecret);
    const workspace = async (name: string, userId: string) => {
      const [ws] = await env.knex('workspaces').insert({ name, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: userId }).returning('id');
      await env.knex('workspace_members').insert({ workspaceId: ws.id, userId, role: 'admin' });
      return ws.id as string;
    };
    workspaceA = await workspace('Acme', owner.user.id);
    workspaceB = await workspace('Rival', rival.user.id);
    const repo = async (workspaceId: string, fullName: string) => {
      const [row] = await env.knex('repositories').insert({ workspaceId, provider: 'git', fullName, cloneUrl: `https://git.example.test/${fullName}.git` }).returning('id');
      return row.id as string;
    };
    repoA = await repo(workspaceA, 'acme/payments');
    repoOld = await repo(workspaceA, 'acme/legacy-billing');
    const repoB = await repo(workspaceB, 'rival/payments');
    const run = await seedFinishedRun(env.knex, { workspaceId: workspaceA, repositoryId: repoA, findings: [...FINDINGS_A] });
    runA = run.id;
    await seedFinishedRun(env.knex, { workspaceId: workspaceA, repositoryId: repoOld, findings: [{ ruleId: 'legacy/deprecated-api', path: 'billing/old.js', message: 'Deprecated ledger API call' }] });
    await seedFinishedRun(env.knex, {
      workspaceId: workspaceB,
      repositoryId: repoB,
      findings: [{ ruleId: 'security/sql-injection', path: 'src/db/secret-query.ts', severity: 'critical', category: 'security', message: 'SQL injection in the rival secret ledger' }],
    });
    for (const f of await env.knex('findings').select('id', 'ruleId', 'workspaceId')) {
      if (f.workspaceId === workspaceB) rivalFindingId = f.id;
      else ids[f.ruleId] = f.id;
    }
    await sync();
  }, 240_000);
  afterAll(async () => {
    await env?.close();
    await loopback?.close();
  });

  it('finds findings by words of the message, the rule id and the path, and highlights the words', async () => {
    const byWord = (await search('/findings', { workspace_id: workspaceA, q: 'injection' }).expect(200)).body;
    expect(byWord.backend).toBe(backend);
    expect(byWord.items.map((h: { id: string }) => h.id)).toEqual([ids['security/sql-injection']]);
    expect(byWord.total).toBe(1);
    const hit = byWord.items[0];
    expect(hit).toMatchObject({ type: 'finding', title: 'security/sql-injection', subtitle: 'src/db/query.ts:1', severity: 'critical', category: 'security', status: 'open', runId: runA, repositoryName: 'acme/payments', url: `/runs/${runA}?finding=${hit.id}` });
    const marked = hit.highlights.body.filter((s: { match: boolean }) => s.match).map((s: { text: string }) => s.text.toLowerCase());
    expect(marked.join(' ')).toContain('injection');
    expect(hit.highlights.body.map((s: { text: string }) => s.text).join('')).toContain('user input reaches the query builder');

    const byRule = (await search('/findings', { workspace_id: workspaceA, q: 'no-eval' }).expect(200)).body;
    expect(byRule.items.map((h: { id: string }) => h.id)).toEqual([ids['eslint/no-eval']]);
    const byPath = (await search('/findings', { workspace_id: workspaceA, q: 'models.py' }).expect(200)).body;
    expect(byPath.items.map((h: { id: string }) => h.id)).toEqual([ids['ruff/F401']]);
  });

  it('completes the last word as a prefix while the user is typing', async () => {
    const body = (await search('/findings', { workspace_id: workspaceA, q: 'injec' }).expect(200)).body;
    expect(body.items.map((h: { id: string }) => h.id)).toEqual([ids['security/sql-injection']]);
  });

  it('never returns, counts or highlights another workspace’s documents', async () => {
    const mine = (await search('/findings', { workspace_id: workspaceA, q: 'sql injection' }).expect(200)).body;
    expect(mine.total).toBe(1);
    expect(JSON.stringify(mine)).not.toMatch(/rival|secret|ledger/i);
    expect(mine.items.map((h: { id: string }) => h.id)).not.toContain(rivalFindingId);
    const grouped = (await search('', { workspace_id: workspaceA, q: 'payments', record: 'false' }).expect(200)).body;
    expect(JSON.stringify(grouped)).not.toMatch(/rival/);
    expect(grouped.groups.find((g: { type: string }) => g.type === 'repository').items.map((h: { title: string }) => h.title)).toEqual(['acme/payments']);
    // Asking for the other workspace by id: exactly like a workspace that does not exist.
    const theirs = await search('/findings', { workspace_id: workspaceB, q: 'injection' }).expect(404);
    const none = await search('/findings', { workspace_id: randomUUID(), q: 'injection' }).expect(404);
    expect(theirs.body.detail).toBe(none.body.detail);
    // And the rival sees only their own.
    const rivals = (await search('/findings', { workspace_id: workspaceB, q: 'injection' }, rival).expect(200)).body;
    expect(rivals.items.map((h: { id: string }) => h.id)).toEqual([rivalFindingId]);
    if (loopback) {
      const searches = loopback.requests.filter((r) => r.path.endsWith('/documents/search'));
      expect(searches.length).toBeGreaterThan(0);
      for (const r of searches) expect(r.query.get('filter_by')).toMatch(/^workspace_id:=(`[0-9a-f-]{36}`|\[`[0-9a-f-]{36}`(,`[0-9a-f-]{36}`)*\])/);
    }
  });

  it('filters by severity, category, repository and date', async () => {
    const ruleIds = async (query: Record<string, string>) =>
      ((await search('/findings', { workspace_id: workspaceA, ...query }).expect(200)).body.items as { title: string }[]).map((h) => h.title).sort();
    expect(await ruleIds({ severity: 'critical,high' })).toEqual(['eslint/no-eval', 'security/sql-injection']);
    expect(await ruleIds({ category: 'maintainability' })).toEqual(['ruff/F401']);
    expect(await ruleIds({ repository_id: repoOld })).toEqual(['legacy/deprecated-api']);
    expect(await ruleIds({ q: 'security', severity: 'critical' })).toEqual(['security/sql-injection']);
    expect(await ruleIds({ date_to: '2000-01-01' })).toEqual([]);
    expect((await ruleIds({ date_from: new Date(Date.now() - 3600_000).toISOString() })).length).toBe(4);
  });

  it('pages with limit and offset, totals unchanged, no hit twice', async () => {
    const page = async (offset: number) => (await search('/findings', { workspace_id: workspaceA, limit: 3, offset }).expect(200)).body;
    const [first, second] = [await page(0), await page(3)];
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    const all = [...first.items, ...second.items].map((h: { id: string }) => h.id);
    expect(new Set(all).size).toBe(4);
  });

  it('finds runs by repository and status, and follows triage into the finding’s status', async () => {
    const runs = (await search('/runs', { workspace_id: workspaceA, q: 'payments', status: 'completed' }).expect(200)).body;
    expect(runs.items.map((h: { id: string }) => h.id)).toEqual([runA]);
    expect((await search('/analyses', { workspace_id: workspaceA, q: 'payments', status: 'failed' }).expect(200)).body.total).toBe(0);

    await request(env.app).patch(`/api/findings/${ids['eslint/no-eval']}/triage`).set('authorization', owner.authHeader).send({ status: 'false_positive', reason: 'constant input' }).expect(200);
    await sync();
    const triaged = (await search('/findings', { workspace_id: workspaceA, status: 'false_positive' }).expect(200)).body;
    expect(triaged.items.map((h: { id: string }) => h.id)).toEqual([ids['eslint/no-eval']]);
    expect((await search('/findings', { workspace_id: workspaceA, status: 'open' }).expect(200)).body.total).toBe(3);
  });

  it('forgets a removed repository, its runs and its findings', async () => {
    expect((await search('/findings', { workspace_id: workspaceA, q: 'ledger' }).expect(200)).body.total).toBe(1);
    await request(env.app).delete(`/api/repositories/${repoOld}`).set('authorization', owner.authHeader).expect(204);
    await sync();
    expect((await search('/findings', { workspace_id: workspaceA, q: 'ledger' }).expect(200)).body.total).toBe(0);
    expect((await search('/repositories', { workspace_id: workspaceA, q: 'legacy' }).expect(200)).body.total).toBe(0);
    const grouped = (await search('', { workspace_id: workspaceA, q: 'billing', record: 'false' }).expect(200)).body;
    expect(JSON.stringify(grouped.groups)).not.toContain('legacy');
  });

  it('groups a global search by type', async () => {
    const body = (await search('', { workspace_id: workspaceA, q: 'payments', record: 'false' }).expect(200)).body;
    expect(body.groups.map((g: { type: string }) => g.type)).toEqual(expect.arrayContaining(['repository', 'run']));
    expect(body.total).toBe(body.groups.reduce((n: number, g: { total: number }) => n + g.total, 0));
  });

  it('finds the caller’s teams and their members by name, slug and e-mail, and never another team’s', async () => {
    const grace = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `grace.hopper-${backend}@example.test` });
    await env.knex('users').where({ id: grace.user.id }).update({ name: 'Grace Hopper' });
    await env.knex('workspace_members').insert({ workspaceId: workspaceA, userId: grace.user.id, role: 'developer' });
    const stranger = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `stranger-${backend}@example.test` });
    await env.knex('workspace_members').insert({ workspaceId: workspaceB, userId: stranger.user.id, role: 'viewer' });
    await sync();

    const team = (await search('/teams', { workspace_id: workspaceA, q: 'acme' }).expect(200)).body;
    expect(team.backend).toBe(backend);
    expect(team.items[0]).toMatchObject({ type: 'team', id: workspaceA, title: 'Acme', url: `/teams/${workspaceA}` });
    expect(team.items[0].subtitle).toMatch(/ · 2 members$/);
    expect(team.items[0].highlights.title.filter((s: { match: boolean }) => s.match).map((s: { text: string }) => s.text.toLowerCase())).toEqual(['acme']);

    const byName = (await search('/teams', { workspace_id: workspaceA, q: 'grace' }).expect(200)).body;
    expect(byName.items.map((h: { title: string; subtitle: string; status: string }) => [h.title, h.subtitle, h.status])).toEqual([['Grace Hopper', `grace.hopper-${backend}@example.test · developer · Acme`, 'developer']]);
    expect(byName.items[0].url).toBe(`/teams/${workspaceA}/members`);
    const byEmail = (await search('/teams', { workspace_id: workspaceA, q: `hopper-${backend}@example` }).expect(200)).body;
    expect(byEmail.items.map((h: { title: string }) => h.title)).toEqual(['Grace Hopper']);
    expect((await search('/teams', { workspace_id: workspaceA, q: 'hopper', status: 'admin' }).expect(200)).body.total).toBe(0);

    // Rival's team and its members are not the owner's: not found, not counted, not in a grouped answer.
    for (const q of ['rival', 'stranger']) {
      const body = (await search('/teams', { workspace_id: workspaceA, q }).expect(200)).body;
      expect(body.total).toBe(0);
      expect(JSON.stringify(body)).not.toMatch(/rival|stranger/i);
    }
    const grouped = (await search('', { workspace_id: workspaceA, q: 'grace', record: 'false' }).expect(200)).body;
    expect(grouped.groups.find((g: { type: string }) => g.type === 'team').items.map((h: { title: string }) => h.title)).toEqual(['Grace Hopper']);
    // Grace, a member of Acme only, finds Acme and herself but not Rival.
    const graces = (await search('/teams', { workspace_id: workspaceA, q: 'a' }, grace).expect(200)).body;
    expect(JSON.stringify(graces)).not.toMatch(/rival|stranger/i);
    // The rival sees their own team and its members, none of Acme's.
    const rivals = (await search('/teams', { workspace_id: workspaceB, q: 'stranger' }, rival).expect(200)).body;
    expect(rivals.items.map((h: { title: string }) => h.title)).toEqual([stranger.user.name]);
    expect((await search('/teams', { workspace_id: workspaceB, q: 'grace' }, rival).expect(200)).body.total).toBe(0);

    // Changes reach the index through the outbox: a renamed user, a member who left.
    await env.knex('users').where({ id: grace.user.id }).update({ name: 'Grace Brewster' });
    await sync();
    expect((await search('/teams', { workspace_id: workspaceA, q: 'brewster' }).expect(200)).body.items.map((h: { title: string }) => h.title)).toEqual(['Grace Brewster']);
    await request(env.app).delete(`/api/teams/${workspaceA}/members/${grace.user.id}`).set('authorization', owner.authHeader).expect(204);
    await sync();
    expect((await search('/teams', { workspace_id: workspaceA, q: 'brewster' }).expect(200)).body.total).toBe(0);
    expect((await search('/teams', { workspace_id: workspaceA, q: 'acme' }).expect(200)).body.items[0].subtitle).toMatch(/ · 1 member$/);
    // A deleted team takes its members' documents with it (from the index too, not only from results).
    const [guild] = await env.knex('workspaces').insert({ name: 'Quartz Guild', slug: `quartz-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert([
      { workspaceId: guild.id, userId: owner.user.id, role: 'admin' },
      { workspaceId: guild.id, userId: stranger.user.id, role: 'viewer' },
    ]);
    await sync();
    expect((await search('/teams', { workspace_id: workspaceA, q: 'stranger' }).expect(200)).body.items.map((h: { url: string }) => h.url)).toEqual([`/teams/${guild.id}/members`]);
    await env.knex('workspaces').where({ id: guild.id }).del();
    await sync();
    expect((await search('/teams', { workspace_id: workspaceA, q: 'quartz stranger' }).expect(200)).body.total).toBe(0);
    if (backend === 'typesense') {
      const client = createTypesenseClient(env.config.TYPESENSE_URL!, env.config.TYPESENSE_API_KEY ?? '');
      const left = await client.collections('argus_team').documents().search({ q: '*', query_by: 'title', filter_by: `workspace_id:=[\`${guild.id}\`]` });
      expect(left.found).toBe(0);
    }
    if (loopback) {
      const teamSearches = loopback.requests.filter((r) => r.path.includes('argus_team') && r.path.endsWith('/documents/search'));
      expect(teamSearches.length).toBeGreaterThan(0);
      for (const r of teamSearches) expect(r.query.get('filter_by')).toMatch(/^workspace_id:=\[`[0-9a-f-]{36}`(,`[0-9a-f-]{36}`)*\]/);
    }
  });

  if (backend === 'typesense') {
    // A real server (TYPESENSE_URL) cannot be switched off from here; the loopback can.
    it.skipIf(Boolean(process.env.TYPESENSE_URL))('keeps changes in the outbox while Typesense is down and answers searches from Postgres meanwhile', async () => {
      const server = loopback!;
      server.setDown(true);
      try {
        await seedFinishedRun(env.knex, { workspaceId: workspaceA, repositoryId: repoA, findings: [{ ruleId: 'perf/n-plus-one', path: 'src/orders.ts', message: 'Query inside a loop over orders' }] });
        expect((await searchIndexState(env.knex)).pending).toBeGreaterThan(0);
        const during = (await search('/findings', { workspace_id: workspaceA, q: 'orders' }).expect(200)).body;
        expect(during.backend).toBe('postgres');
        expect(during.total).toBe(1);
      } finally {
        server.setDown(false);
      }
      await sync();
      expect((await searchIndexState(env.knex)).pending).toBe(0);
      const after = (await search('/findings', { workspace_id: workspaceA, q: 'orders' }).expect(200)).body;
      expect(after).toMatchObject({ backend: 'typesense', total: 1 });
    });

    it('rebuilds the collections on request and loses no change made meanwhile', async () => {
      const staff = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
      const res = await request(env.app).post('/api/admin/search/reindex').set('authorization', staff.authHeader).expect(202);
      await env.temporal.workflow.getHandle(res.body.workflowId).result();
      const state = (await request(env.app).get('/api/admin/search/index').set('authorization', staff.authHeader).expect(200)).body;
      expect(state).toMatchObject({ backend: 'typesense', outboxEnabled: true, pending: 0 });
      expect(state.lastReindexDocuments).toBeGreaterThan(0);
      expect((await search('/findings', { workspace_id: workspaceA, q: 'injection' }).expect(200)).body.items.map((h: { id: string }) => h.id)).toEqual([ids['security/sql-injection']]);
    });
  }
  // Last: it adds a run, so the ids the tests above expect are no longer the latest occurrences.
  it('shows a finding found in several runs once, as the latest run’s occurrence, with the number of runs', async () => {
    const before = (await search('/findings', { workspace_id: workspaceA }).expect(200)).body.total;
    const later = await seedFinishedRun(env.knex, { workspaceId: workspaceA, repositoryId: repoA, findings: [...FINDINGS_A] });
    await sync();
    const latest = await env.knex('findings').where({ runId: later.id, ruleId: 'security/sql-injection' }).first('id');

    const body = (await search('/findings', { workspace_id: workspaceA, q: 'injection' }).expect(200)).body;
    expect(body.total).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: latest.id, runId: later.id, runCount: 2, url: `/runs/${later.id}?finding=${latest.id}` });
    // Every finding of the repository is in both runs: the count of hits does not grow with the runs.
    expect((await search('/findings', { workspace_id: workspaceA }).expect(200)).body.total).toBe(before);
    const grouped = (await search('', { workspace_id: workspaceA, q: 'injection', record: 'false' }).expect(200)).body;
    expect(grouped.groups.find((g: { type: string }) => g.type === 'finding')).toMatchObject({ total: 1, items: [{ id: latest.id, runCount: 2 }] });
    // One run's findings: that run's occurrence.
    const inRun = (await search('/findings', { workspace_id: workspaceA, q: 'injection', run_id: runA }).expect(200)).body;
    expect(inRun.items.map((h: { id: string; runCount: number }) => [h.id, h.runCount])).toEqual([[ids['security/sql-injection'], 1]]);
    // Other types say nothing about runs.
    expect((await search('/runs', { workspace_id: workspaceA, q: 'payments' }).expect(200)).body.items[0].runCount).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ensureSubscription } from '@argus/db';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { seedFinishedRun } from '../../../e2e/support/finished-run';

// The Postgres backend's own features, against the real app and Postgres: input validation (400 with the reason),
// suggestions with typos, "did you mean", members and tickets, history and saved searches, and staff search.
// The behaviour both backends share is in search.contract.e2e.test.ts.

let env: TestEnv;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let colleague: Awaited<ReturnType<typeof createUserWithToken>>;
let rival: Awaited<ReturnType<typeof createUserWithToken>>;
let workspaceA: string;
let workspaceB: string;
let ticketNumber: number;

const get = (path: string, query: Record<string, string | number>, who = owner) => request(env.app).get(path).query(query).set('authorization', who.authHeader);

beforeAll(async () => {
  env = await createTestEnv();
  owner = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `olivia-${randomUUID().slice(0, 6)}@acme.test` });
  colleague = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `marcus-${randomUUID().slice(0, 6)}@acme.test` });
  rival = await createUserWithToken(env.knex, env.config.jwtSecret, { email: `rhea-${randomUUID().slice(0, 6)}@rival.test` });
  const workspace = async (name: string, members: { userId: string; role: string }[]) => {
    const [ws] = await env.knex('workspaces').insert({ name, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: members[0]!.userId }).returning('id');
    await env.knex('workspace_members').insert(members.map((m) => ({ workspaceId: ws.id, ...m })));
    return ws.id as string;
  };
  workspaceA = await workspace('Acme', [
    { userId: owner.user.id, role: 'admin' },
    { userId: colleague.user.id, role: 'viewer' },
  ]);
  workspaceB = await workspace('Rival', [{ userId: rival.user.id, role: 'admin' }]);
  const [repoA] = await env.knex('repositories').insert({ workspaceId: workspaceA, provider: 'git', fullName: 'acme/checkout-service', cloneUrl: 'https://git.example.test/acme/checkout.git' }).returning('id');
  const [repoB] = await env.knex('repositories').insert({ workspaceId: workspaceB, provider: 'git', fullName: 'rival/checkout-secrets', cloneUrl: 'https://git.example.test/rival/checkout.git' }).returning('id');
  await seedFinishedRun(env.knex, {
    workspaceId: workspaceA,
    repositoryId: repoA.id,
    findings: [
      { ruleId: 'security/sql-injection', path: 'src/db.ts', message: 'SQL injection through string concatenation' },
      { ruleId: 'eslint/no-unused-vars', path: 'src/cart.ts', message: 'cartTotal is assigned but never used' },
    ],
  });
  await seedFinishedRun(env.knex, { workspaceId: workspaceB, repositoryId: repoB.id, findings: [{ ruleId: 'rival/checkout-leak', path: 'src/leak.ts', message: 'Rival checkout leak' }] });
  const [ticket] = await env.knex('supportTicket').insert({ workspaceId: workspaceA, userId: owner.user.id, subject: 'Webhook deliveries stopped', description: 'Since Monday no pull request gets a check run' }).returning(['id', 'number']);
  ticketNumber = Number(ticket.number);
  await env.knex('ticketMessage').insert([
    { ticketId: ticket.id, senderId: owner.user.id, senderKind: 'customer', internal: false, content: 'The GitHub App was reinstalled yesterday' },
    { ticketId: ticket.id, senderId: null, senderKind: 'staff', internal: true, content: 'Internal: customer forgot the zebracorn permission' },
  ]);
  await env.knex('supportTicket').insert({ workspaceId: workspaceB, userId: rival.user.id, subject: 'Rival webhook question', description: 'Rival text' });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('invalid searches', () => {
  const problem = async (path: string, query: Record<string, string | number>) => {
    const res = await get(path, { workspace_id: workspaceA, ...query }).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    return res.body as { detail: string; errors: { path: string; message: string }[] };
  };

  it('answers 400 with the reason for filters that cannot apply', async () => {
    expect((await problem('/api/search/runs', { severity: 'high' })).detail).toMatch(/severity.*applies only to findings and fixes, not to runs/i);
    expect((await problem('/api/search/repositories', { owner_id: randomUUID() })).detail).toMatch(/owner id.*not to repositories/i);
    expect((await problem('/api/search/runs', { status: 'open' })).detail).toMatch(/must be one of queued, running, completed, failed, cancelled, skipped for runs/);
    expect((await problem('/api/search/repositories', { status: 'active' })).detail).toMatch(/does not apply to repositories/);
    expect((await problem('/api/search', { q: 'x', type: 'run,finding', status: 'completed' })).detail).toMatch(/pick one type/);
    expect((await problem('/api/search', { q: 'x', type: 'repository', severity: 'high' })).detail).toMatch(/severity applies only to findings and fixes, not to repositories/i);
    expect((await problem('/api/search', { q: 'x', offset: 5 })).detail).toMatch(/one type at a time/);
    expect((await problem('/api/search/findings', { date_from: '2026-05-02', date_to: '2026-05-01' })).detail).toMatch(/date to must be after the start date/i);
    expect((await problem('/api/search/findings', { date_from: 'last tuesday' })).detail).toMatch(/date \(YYYY-MM-DD\)/);
    expect((await problem('/api/search/findings', { severity: 'urgent' })).detail).toMatch(/comma-separated list of severities/);
    expect((await problem('/api/search/findings', { limit: 1000 })).errors[0]!.path).toMatch(/limit/);
    expect((await problem('/api/search/code', { q: 'ab' })).detail).toMatch(/at least 3 characters/);
    expect((await problem('/api/search/code', { q: 'two words', mode: 'word' })).detail).toMatch(/one word/);
    expect((await problem('/api/search', { q: '' })).detail).toMatch(/must not be empty/);
  });

  it('narrows a global search to the types a filter applies to', async () => {
    const res = (await get('/api/search', { workspace_id: workspaceA, q: 'injection', severity: 'medium', record: 'false' }).expect(200)).body;
    expect(res.groups.map((g: { type: string }) => g.type)).toEqual(['finding']);
  });

  it('never answers 5xx to query syntax (websearch operators, quotes, stray symbols)', async () => {
    for (const q of ['"unterminated', 'a -', 'OR OR', '!!!', "'; drop table findings; --", ':*', '\\', '(((', 'sql & | !']) {
      await get('/api/search', { workspace_id: workspaceA, q, record: 'false' }).expect(200);
      await get('/api/search/findings', { workspace_id: workspaceA, q }).expect(200);
      await get('/api/search/suggestions', { workspace_id: workspaceA, q }).expect(200);
    }
  });

  it('requires membership: another workspace is 404, a missing token 401', async () => {
    await get('/api/search', { workspace_id: workspaceB, q: 'checkout' }).expect(404);
    await get('/api/search/suggestions', { workspace_id: workspaceB, q: 'rival' }).expect(404);
    await get('/api/search/code', { workspace_id: workspaceB, q: 'leak' }).expect(404);
    await get('/api/search/history', { workspace_id: workspaceB }).expect(404);
    await request(env.app).get('/api/search').query({ workspace_id: workspaceA, q: 'x' }).expect(401);
  });
});

// Findings are matched through an index keyed by workspace (migration 20261204100000), which only narrows: the
// answers must be exactly what full-text matching gives, for words every workspace has, prefixes, phrases and the
// negations that index cannot use (a negated phrase, a query of negations only).
describe('finding search through the workspace-keyed index', () => {
  let repoOrders: string;
  const titles: Record<string, string> = {
    first: 'Unsafe handler reads the request body',
    second: 'Handler builds the query from request data',
    third: 'Handler logs the request and then the body',
  };
  beforeAll(async () => {
    const [repo] = await env.knex('repositories').insert({ workspaceId: workspaceA, provider: 'git', fullName: 'acme/orders', cloneUrl: 'https://git.example.test/acme/orders.git' }).returning('id');
    repoOrders = repo.id;
    await seedFinishedRun(env.knex, {
      workspaceId: workspaceA,
      repositoryId: repoOrders,
      findings: Object.entries(titles).map(([key, message]) => ({ ruleId: `orders/${key}`, path: `src/handlers/${key}.ts`, message })),
    });
    const [rivalRepo] = await env.knex('repositories').insert({ workspaceId: workspaceB, provider: 'git', fullName: 'rival/orders', cloneUrl: 'https://git.example.test/rival/orders.git' }).returning('id');
    await seedFinishedRun(env.knex, { workspaceId: workspaceB, repositoryId: rivalRepo.id, findings: [{ ruleId: 'orders/first', path: 'src/handlers/first.ts', message: 'Unsafe handler reads the request body' }] });
  });
  const found = async (q: string) => {
    const body = (await get('/api/search/findings', { workspace_id: workspaceA, repository_id: repoOrders, q, limit: 50 }).expect(200)).body;
    expect(body.total).toBe(body.items.length);
    return body.items.map((h: { title: string }) => h.title.replace('orders/', '')).sort();
  };

  it('answers words, prefixes and phrases as full-text matching does, in the workspace only', async () => {
    expect(await found('handler')).toEqual(['first', 'second', 'third']);
    expect(await found('handl')).toEqual(['first', 'second', 'third']);
    expect(await found('src/handlers/second')).toEqual(['second']);
    expect(await found('"request body"')).toEqual(['first']);
    expect(await found('handler quer')).toEqual(['second']);
    const all = (await get('/api/search/findings', { workspace_id: workspaceA, q: 'unsafe handler', limit: 50 }).expect(200)).body;
    expect(all.items.map((h: { repositoryName: string }) => h.repositoryName)).toEqual(['acme/orders']);
  });

  it('answers negations the index cannot use', async () => {
    expect(await found('handler -unsafe')).toEqual(['second', 'third']);
    // Without the phrase the third has both words apart: a negated phrase excludes the first only.
    expect(await found('handler -"request body"')).toEqual(['second', 'third']);
    expect(await found('-unsafe')).toEqual(['second', 'third']);
    expect(await found('-handler')).toEqual([]);
  });
});

describe('suggestions', () => {
  it('completes repository names and rule ids, tolerates typos and stays in the workspace', async () => {
    const texts = async (q: string) => ((await get('/api/search/suggestions', { workspace_id: workspaceA, q }).expect(200)).body.items as { text: string; kind: string }[]);
    expect(await texts('acme/che')).toContainEqual({ text: 'acme/checkout-service', kind: 'repository' });
    expect(await texts('security/sql')).toContainEqual({ text: 'security/sql-injection', kind: 'rule' });
    // A typo still finds the rule (pg_trgm similarity).
    expect(await texts('eslint/no-unsued-vars')).toContainEqual({ text: 'eslint/no-unused-vars', kind: 'rule' });
    const checkout = await texts('checkout');
    expect(checkout.map((s) => s.text)).toContain('acme/checkout-service');
    expect(JSON.stringify(checkout)).not.toMatch(/rival/);
    expect(JSON.stringify(await texts('rival'))).not.toMatch(/rival/);
  });

  it('suggests the closest term when a search finds nothing', async () => {
    const res = (await get('/api/search', { workspace_id: workspaceA, q: 'eslint/no-unsued-vars', record: 'false' }).expect(200)).body;
    expect(res.total).toBe(0);
    expect(res.didYouMean).toBe('eslint/no-unused-vars');
    const rivalTerm = (await get('/api/search', { workspace_id: workspaceA, q: 'rival/checkout-leek', record: 'false' }).expect(200)).body;
    expect(rivalTerm.didYouMean).not.toBe('rival/checkout-leak');
  });
});

describe('members and tickets', () => {
  it('finds members of the workspace by name or e-mail, and no one else', async () => {
    const res = (await get('/api/search/members', { workspace_id: workspaceA, q: 'marcus' }).expect(200)).body;
    expect(res.items.map((h: { id: string }) => h.id)).toEqual([colleague.user.id]);
    expect(res.items[0].highlights.title).toContainEqual({ text: 'marcus', match: true });
    expect((await get('/api/search/members', { workspace_id: workspaceA, q: 'rhea' }).expect(200)).body.total).toBe(0);
    expect((await get('/api/search/members', { workspace_id: workspaceA, status: 'viewer' }).expect(200)).body.items.map((h: { id: string }) => h.id)).toEqual([colleague.user.id]);
  });

  it('finds tickets by subject, description and customer messages, never by staff-internal notes', async () => {
    const bySubject = (await get('/api/search/tickets', { workspace_id: workspaceA, q: 'webhook' }).expect(200)).body;
    expect(bySubject.items.map((h: { title: string }) => h.title)).toEqual([`#${ticketNumber} Webhook deliveries stopped`]);
    expect((await get('/api/search/tickets', { workspace_id: workspaceA, q: 'reinstalled' }).expect(200)).body.total).toBe(1);
    expect((await get('/api/search/tickets', { workspace_id: workspaceA, q: 'zebracorn' }).expect(200)).body.total).toBe(0);
    expect((await get('/api/search/tickets', { workspace_id: workspaceA, q: 'rival' }).expect(200)).body.total).toBe(0);
    expect((await get('/api/search/tickets', { workspace_id: workspaceA, status: 'open' }).expect(200)).body.total).toBe(1);
  });
});

describe('history and saved searches', () => {
  it('remembers searches per user, newest first, and clears one or all', async () => {
    await get('/api/search', { workspace_id: workspaceA, q: 'injection' }).expect(200);
    await get('/api/search', { workspace_id: workspaceA, q: 'cart' }).expect(200);
    await get('/api/search', { workspace_id: workspaceA, q: 'injection' }).expect(200);
    await get('/api/search', { workspace_id: workspaceA, q: 'not remembered', record: 'false' }).expect(200);
    await request(env.app).post('/api/search/history').query({ workspace_id: workspaceA }).set('authorization', owner.authHeader).send({ q: 'picked in palette' }).expect(204);
    const history = async (who = owner) => (await get('/api/search/history', { workspace_id: workspaceA }, who).expect(200)).body.items as { query: string; times: number }[];
    expect((await history()).map((h) => h.query)).toEqual(['picked in palette', 'injection', 'cart']);
    expect((await history()).find((h) => h.query === 'injection')!.times).toBe(2);
    expect(await history(colleague)).toEqual([]);
    // Recent searches feed the suggestions too.
    expect((await get('/api/search/suggestions', { workspace_id: workspaceA, q: 'inj' }).expect(200)).body.items).toContainEqual({ text: 'injection', kind: 'recent' });
    expect((await get('/api/search/suggestions', { workspace_id: workspaceA, q: 'inj' }, colleague).expect(200)).body.items).not.toContainEqual({ text: 'injection', kind: 'recent' });

    await request(env.app).delete('/api/search/history').query({ workspace_id: workspaceA, q: 'cart' }).set('authorization', owner.authHeader).expect(204);
    expect((await history()).map((h) => h.query)).toEqual(['picked in palette', 'injection']);
    await request(env.app).delete('/api/search/history').query({ workspace_id: workspaceA }).set('authorization', owner.authHeader).expect(204);
    expect(await history()).toEqual([]);
    const audit = await env.knex('activityLog').where({ action: 'search.history_cleared', actorId: owner.user.id });
    expect(audit).toHaveLength(2);
  });

  it('saves, lists and deletes named searches; another user’s are not found', async () => {
    const save = (body: object, who = owner) => request(env.app).post('/api/search/saved').query({ workspace_id: workspaceA }).set('authorization', who.authHeader).send(body);
    const created = (await save({ name: 'Critical security', q: 'injection', scope: 'finding', filters: { severity: 'critical,high', category: 'security' } }).expect(201)).body;
    expect(created).toMatchObject({ name: 'Critical security', q: 'injection', scope: 'finding', filters: { severity: 'critical,high', category: 'security' } });
    const dup = await save({ name: 'Critical security', q: 'other' }).expect(409);
    expect(dup.body.detail).toMatch(/already have a saved search named/);
    await save({ name: 'Bad', filters: { colour: 'red' } }).expect(400);
    await save({ name: 'Mine too' }, colleague).expect(201);
    const list = async (who = owner) => ((await get('/api/search/saved', { workspace_id: workspaceA }, who).expect(200)).body.items as { id: string; name: string }[]).map((s) => s.name);
    expect(await list()).toEqual(['Critical security']);
    expect(await list(colleague)).toEqual(['Mine too']);
    await request(env.app).delete(`/api/search/saved/${created.id}`).set('authorization', colleague.authHeader).expect(404);
    await request(env.app).delete(`/api/search/saved/not-a-uuid`).set('authorization', owner.authHeader).expect(404);
    await request(env.app).delete(`/api/search/saved/${created.id}`).set('authorization', owner.authHeader).expect(204);
    expect(await list()).toEqual([]);
    expect(await env.knex('activityLog').whereIn('action', ['search.saved', 'search.saved_deleted']).where({ workspaceId: workspaceA }).count('* as n').first()).toMatchObject({ n: 3 });
  });
});

describe('staff search', () => {
  it('finds users, workspaces, subscriptions, invoices and tickets across tenants, by what the role may see', async () => {
    const superAdmin = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'super_admin' });
    const support = await createUserWithToken(env.knex, env.config.jwtSecret, { staffRole: 'support_admin' });
    const sub = await ensureSubscription(env.knex, workspaceB, { tierName: 'free', billingInterval: '1 month' });
    const [invoice] = await env.knex('invoice')
      .insert({ subscriptionId: sub.id, workspaceId: workspaceB, tierId: sub.tierId, billingPeriodStart: new Date('2026-10-01'), billingPeriodEnd: new Date('2026-11-01'), subtotalCents: 4900, totalCents: 4900 })
      .returning(['id', 'number']);
    const staffSearch = (q: string, who: typeof superAdmin, type?: string) => request(env.app).get('/api/admin/search').query(type ? { q, type } : { q }).set('authorization', who.authHeader);
    const groups = async (q: string, who = superAdmin, type?: string) =>
      Object.fromEntries(((await staffSearch(q, who, type).expect(200)).body.groups as { type: string; items: { id: string }[] }[]).map((g) => [g.type, g.items.map((i) => i.id)]));

    expect((await groups('rhea')).user).toEqual([rival.user.id]);
    expect((await groups('Rival')).workspace).toEqual([workspaceB]);
    expect((await groups('Rival')).subscription).toEqual([sub.id]);
    expect((await groups(invoice.number)).invoice).toEqual([invoice.id]);
    expect((await groups(`#${ticketNumber}`)).ticket).toHaveLength(1);
    // Typos: trigram similarity on names.
    expect((await groups('Rivall', superAdmin, 'workspace')).workspace).toEqual([workspaceB]);

    // A support admin does not see billing documents, and is told so when asking for them.
    expect(Object.keys(await groups('Rival', support)).sort()).toEqual(['ticket', 'user', 'workspace']);
    const refused = await staffSearch('Rival', support, 'invoice').expect(403);
    expect(refused.body.detail).toMatch(/cannot search invoice/);
    // Customers are not staff.
    await staffSearch('Rival', owner).expect(403);
  });
});

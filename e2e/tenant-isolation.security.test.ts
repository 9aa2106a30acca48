import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from './support/test-env';
import { createUserWithToken } from './support/auth';
import { allRoutes } from '../api/src/app';
import { hashToken, newOpaqueToken } from '../api/src/auth/tokens';

/**
 * Walks every API route that takes an id, straight from the router's own route list (so new routes are
 * covered automatically), and calls it as a member of another workspace with the victim's real ids.
 * Each must answer 404, exactly like an id that does not exist, and leak nothing of the victim.
 */
let env: TestEnv;
const ids: Record<string, string> = {};
const secrets: string[] = [];
let attacker: { authHeader: string };

// Bodies that pass validation, so the check reached is the tenant check, not the schema.
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/teams/:teamId': { name: 'Hijacked' },
  'POST /api/teams/:teamId/members': { email: 'new@example.test', role: 'viewer' },
  'PATCH /api/teams/:teamId/members/:userId': { role: 'viewer' },
  'POST /api/workspaces/:workspaceId/repositories': { cloneUrl: 'https://example.com/x.git' },
  'PATCH /api/repositories/:repositoryId': { defaultBranch: 'main' },
  'PATCH /api/findings/:findingId/triage': { status: 'accepted' },
  'POST /api/runs/:runId/sarif': { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] },
  'POST /api/runs/:runId/fixes/batch': { ruleId: 'eslint/no-eval' },
  'PUT /api/workspaces/:workspaceId/ai-keys': { provider: 'groq', apiKey: 'gsk_attacker_supplied_key' },
  'PUT /api/github/installations/:installationId/repositories/:githubRepoId': { active: true },
  'POST /api/support/tickets/:ticketId/messages': { content: 'Hijacked reply' },
  'POST /api/workspaces/:workspaceId/support/tickets': { subject: 'Hijacked', description: 'x' },
};

beforeAll(async () => {
  env = await createTestEnv();
  const victim = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'victim-owner@example.test' });
  const colleague = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'victim-colleague@example.test' });
  attacker = await createUserWithToken(env.knex, env.config.jwtSecret, { email: 'attacker@example.test' });
  const [team] = await env.knex('workspaces').insert({ name: 'Victim Corp Secret Team', slug: 'victim-corp', kind: 'team', ownerId: victim.user.id }).returning('id');
  const [own] = await env.knex('workspaces').insert({ name: 'Attacker WS', slug: 'attacker-ws', kind: 'personal', ownerId: (await env.knex('users').where({ email: 'attacker@example.test' }).first()).id }).returning('id');
  const attackerId = (await env.knex('users').where({ email: 'attacker@example.test' }).first()).id;
  await env.knex('workspace_members').insert([
    { workspaceId: team.id, userId: victim.user.id, role: 'admin' },
    { workspaceId: team.id, userId: colleague.user.id, role: 'developer' },
    { workspaceId: own.id, userId: attackerId, role: 'admin' },
  ]);
  const [invitation] = await env.knex('invitations').insert({ workspaceId: team.id, email: 'invitee@example.test', role: 'viewer', tokenHash: hashToken(newOpaqueToken('inv')), expiresAt: new Date(Date.now() + 86_400_000), invitedBy: victim.user.id }).returning('id');
  const [token] = await env.knex('api_tokens').insert({ userId: victim.user.id, workspaceId: team.id, name: 'victim ci', role: 'developer', prefix: 'argus_pat_xx', tokenHash: hashToken(newOpaqueToken('pat')) }).returning('id');
  const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: 'victim/secret-repo', cloneUrl: 'https://git.example.com/victim/secret-repo.git' }).returning('id');
  const [run] = await env.knex('analysis_runs').insert({ workspaceId: team.id, repositoryId: repo.id, workflowId: 'analysis-victim-run', trigger: 'manual', status: 'completed' }).returning('id');
  const [finding] = await env.knex('findings').insert({ runId: run.id, repositoryId: repo.id, workspaceId: team.id, tool: 'eslint', ruleId: 'eslint/no-eval', category: 'security', severity: 'high', path: 'src/victim-secret.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, message: 'eval in victim code', snippet: 'eval(victimSecret)', fingerprint: 'fp-victim' }).returning('id');
  const [fix] = await env.knex('fixes').insert({ findingId: finding.id, runId: run.id, workspaceId: team.id, repositoryId: repo.id, provider: 'builtin', workflowId: `fix-${finding.id}-builtin`, status: 'validated', patch: '--- a/src/victim-secret.js\n+++ b/src/victim-secret.js\n@@ -1 +1 @@\n-eval(victimSecret)\n+JSON.parse(victimSecret)\n' }).returning('id');
  // A live login session of the victim (DELETE /api/account/sessions/:sessionId).
  const sessionId = randomUUID();
  await env.knex('refresh_tokens').insert({ userId: victim.user.id, familyId: sessionId, tokenHash: hashToken(newOpaqueToken('rt')), expiresAt: new Date(Date.now() + 86_400_000) });
  // The victim's GitHub App installation, linked to their workspace (the /api/github/installations/:installationId routes).
  const [installation] = await env.knex('github_installations').insert({ installationId: 918273645, accountLogin: 'victim-gh-org', accountType: 'Organization', workspaceId: team.id }).returning('id');
  await env.knex('repositories').insert({ workspaceId: team.id, provider: 'github', fullName: 'victim-gh-org/private-app', cloneUrl: 'https://github.com/victim-gh-org/private-app.git', githubInstallationId: installation.id, githubRepoId: 918273646 });
  Object.assign(ids, { installationId: installation.id, githubRepoId: '918273646' });
  // Billing: the victim's subscription, one invoice and one saved card.
  const [tier] = await env.knex('subscription_tier').where({ name: 'professional' }).select('id');
  const [subscription] = await env.knex('subscription').insert({ workspaceId: team.id, tierId: tier.id, periodTierId: tier.id, currentPeriodStart: new Date(Date.now() - 86_400_000), currentPeriodEnd: new Date(Date.now() + 86_400_000) }).returning('id');
  const [invoice] = await env.knex('invoice').insert({ subscriptionId: subscription.id, workspaceId: team.id, tierId: tier.id, billingPeriodStart: new Date(Date.now() - 40 * 86_400_000), billingPeriodEnd: new Date(Date.now() - 86_400_000), subtotalCents: 9900, totalCents: 9900, status: 'failed' }).returning('id');
  const [card] = await env.knex('payment_method').insert({ workspaceId: team.id, stripePaymentMethodId: 'pm_victim_card', brand: 'visa', last4: '4242', isDefault: true }).returning('id');
  Object.assign(ids, { invoiceId: invoice.id, paymentMethodId: card.id });
  // Support: a ticket of the victim's team (the /api/support/tickets/:ticketId routes).
  const [ticket] = await env.knex('support_ticket').insert({ workspaceId: team.id, userId: victim.user.id, subject: 'Victim secret ticket', description: 'about victim/secret-repo' }).returning('id');
  Object.assign(ids, { ticketId: ticket.id });
  // Search: a saved search of the victim's (DELETE /api/search/saved/:savedSearchId).
  const [saved] = await env.knex('search_saved').insert({ userId: victim.user.id, workspaceId: team.id, name: 'Victim saved search', query: 'victim/secret-repo' }).returning('id');
  Object.assign(ids, { savedSearchId: saved.id });
  Object.assign(ids, { fixId: fix.id, teamId: team.id, workspaceId: team.id, userId: colleague.user.id, invitationId: invitation.id, tokenId: token.id, repositoryId: repo.id, runId: run.id, findingId: finding.id, sessionId });
  secrets.push('Victim Corp Secret Team', 'victim-owner@example.test', 'victim-colleague@example.test', 'victim/secret-repo', 'victim-secret.js', 'eval(victimSecret)', 'victim-gh-org', 'Victim secret ticket');
});
afterAll(() => env.close());

const routesWithIds = allRoutes.filter((r) => r.path.includes(':'));

describe('tenant isolation', () => {
  it('covers every id-taking route of the router', () => {
    expect(routesWithIds.length).toBeGreaterThan(15);
    for (const r of routesWithIds) for (const param of r.path.match(/:(\w+)/g) ?? []) {
      if (r.auth !== 'staff') expect(ids, `no fixture id for ${param} in ${r.method.toUpperCase()} ${r.path}`).toHaveProperty(param.slice(1));
    }
  });

  it.each(routesWithIds.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s answers 404 to another workspace and leaks nothing', async (key, route) => {
    if (route.auth === 'staff') {
      // Console routes are cross-tenant by design and closed to customers altogether.
      const url = route.path.replace(/:(\w+)/g, (_, p: string) => ids[p] ?? ids.userId!);
      const res = await request(env.app)[route.method](url).set('authorization', attacker.authHeader).send({});
      expect(res.status).toBe(403);
      return;
    }
    const url = route.path.replace(/:(\w+)/g, (_, p: string) => ids[p]!);
    const res = await request(env.app)[route.method](url).set('authorization', attacker.authHeader).send((SAMPLE_BODIES[key] ?? {}) as object);
    expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(404);
    const { instance: _instance, ...body } = res.body as Record<string, unknown>;
    const text = JSON.stringify(body) + JSON.stringify(res.headers);
    for (const secret of [...secrets, ...Object.values(ids)]) expect(text).not.toContain(secret);
  });

  it('leaves the victim data untouched', async () => {
    expect((await env.knex('workspaces').where({ id: ids.teamId }).first()).name).toBe('Victim Corp Secret Team');
    expect((await env.knex('workspace_members').where({ workspaceId: ids.teamId })).length).toBe(2);
    expect((await env.knex('api_tokens').where({ id: ids.tokenId }).first()).revokedAt).toBeNull();
    expect(await env.knex('finding_triage').count('* as n').first()).toEqual({ n: 0 });
    expect((await env.knex('github_installations').where({ id: ids.installationId }).first()).workspaceId).toBe(ids.teamId);
    expect((await env.knex('repositories').where({ githubRepoId: 918273646 }).first()).removedAt).toBeNull();
    expect((await env.knex('refresh_tokens').where({ familyId: ids.sessionId }).first()).revokedAt).toBeNull();
  });
});

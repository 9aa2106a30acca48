import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { parseArgusConfig, type LoadedConfig } from '../../../activities/src/analyzers/config';
import { withRepositorySettings } from '../../../activities/src/analyzers/repository-settings';

// Issue 16: a repository's quality gate and rules, set in the portal by workspace admins, read by everyone in the
// workspace, invisible to everyone else; the analysis merges them with .argus.yml, which wins where it speaks.

let env: TestEnv;
let repositoryId: string;
let otherRepositoryId: string;
const callers = {} as Record<'admin' | 'developer' | 'viewer' | 'outsider', string>;
const path = (id = repositoryId) => `/api/repositories/${id}/analysis-settings`;

function loaded(yml: string | null): LoadedConfig {
  if (yml === null) return { ...parseArgusConfig(''), file: null };
  return { ...parseArgusConfig(yml), file: '.argus.yml' };
}

beforeAll(async () => {
  env = await createTestEnv();
  const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
  callers.admin = owner.authHeader;
  const [team] = await env.knex('workspaces').insert({ name: 'Gate', slug: 'gate-settings', kind: 'team', ownerId: owner.user.id }).returning('id');
  await env.knex('workspace_members').insert({ workspaceId: team.id, userId: owner.user.id, role: 'admin' });
  for (const role of ['developer', 'viewer'] as const) {
    const u = await createUserWithToken(env.knex, env.config.jwtSecret);
    await env.knex('workspace_members').insert({ workspaceId: team.id, userId: u.user.id, role });
    callers[role] = u.authHeader;
  }
  const outsider = await createUserWithToken(env.knex, env.config.jwtSecret);
  callers.outsider = outsider.authHeader;
  const [other] = await env.knex('workspaces').insert({ name: 'Other', slug: 'gate-other', kind: 'team', ownerId: outsider.user.id }).returning('id');
  await env.knex('workspace_members').insert({ workspaceId: other.id, userId: outsider.user.id, role: 'admin' });
  const [repo] = await env.knex('repositories').insert({ workspaceId: team.id, provider: 'git', fullName: 'gate/app', cloneUrl: 'https://git.example.test/gate/app.git' }).returning('id');
  repositoryId = repo.id;
  const [otherRepo] = await env.knex('repositories').insert({ workspaceId: other.id, provider: 'git', fullName: 'other/app', cloneUrl: 'https://git.example.test/other/app.git' }).returning('id');
  otherRepositoryId = otherRepo.id;
});
afterAll(() => env?.close());

describe('repository analysis settings', () => {
  it('starts from the defaults, which admins may change', async () => {
    const res = await request(env.app).get(path()).set('authorization', callers.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ repositoryId, gate: { critical: 0, high: 0, medium: null, low: null, secrets: null }, gateSource: 'default', rulesOff: [], argusYml: null, canEdit: true, updatedAt: null });
  });

  it('lets an admin set the gate and turn a rule off, and records who did', async () => {
    const res = await request(env.app)
      .patch(path())
      .set('authorization', callers.admin)
      .send({ gate: { high: 2, medium: 10, secrets: 0 }, rules: { 'eslint/no-eval': 'off', 'taint/log-injection': 'off' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ gate: { critical: 0, high: 2, medium: 10, low: null, secrets: 0 }, gateSource: 'portal', rulesOff: ['eslint/no-eval', 'taint/log-injection'] });
    expect(res.body.updatedAt).toEqual(expect.any(String));
    const again = await request(env.app).patch(path()).set('authorization', callers.admin).send({ gate: { critical: null }, rules: { 'taint/log-injection': null } });
    expect(again.body).toMatchObject({ gate: { critical: null, high: 2, medium: 10, secrets: 0 }, rulesOff: ['eslint/no-eval'] });
    const audit = await env.knex('activity_log').where({ action: 'repository.analysis_settings_updated', resourceId: repositoryId });
    expect(audit).toHaveLength(2);
  });

  it('refuses rule ids that are not in the catalogue and limits below zero', async () => {
    const unknown = await request(env.app).patch(path()).set('authorization', callers.admin).send({ rules: { 'eslint/made-up-rule': 'off' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/made-up-rule/);
    const negative = await request(env.app).patch(path()).set('authorization', callers.admin).send({ gate: { high: -1 } });
    expect(negative.status).toBe(400);
  });

  for (const role of ['developer', 'viewer'] as const) {
    it(`lets a ${role} read the settings but not change them (403)`, async () => {
      const read = await request(env.app).get(path()).set('authorization', callers[role]);
      expect(read.status).toBe(200);
      expect(read.body.canEdit).toBe(false);
      const write = await request(env.app).patch(path()).set('authorization', callers[role]).send({ gate: { high: 0 } });
      expect(write.status).toBe(403);
      expect(write.body.detail).toMatch(new RegExp(`\\b${role}\\b`));
    });
  }

  it('answers 404 to someone outside the workspace, for reading and writing, and to an admin for another tenant’s repository', async () => {
    expect((await request(env.app).get(path()).set('authorization', callers.outsider)).status).toBe(404);
    expect((await request(env.app).patch(path()).set('authorization', callers.outsider).send({ gate: { high: 0 } })).status).toBe(404);
    expect((await request(env.app).get(path(otherRepositoryId)).set('authorization', callers.admin)).status).toBe(404);
    expect((await request(env.app).patch(path(otherRepositoryId)).set('authorization', callers.admin).send({ rules: { 'eslint/no-eval': 'off' } })).status).toBe(404);
    const stored = await env.knex('repository_analysis_settings').where({ repositoryId: otherRepositoryId }).first();
    expect(stored).toBeUndefined();
  });

  it('flows into the analysis: portal settings apply where .argus.yml is silent', async () => {
    const { config } = await withRepositorySettings(env.knex, { repositoryId, commitSha: 'a'.repeat(40) }, loaded(null));
    expect(config.gate.new).toEqual({ high: 2, medium: 10, secrets: 0 });
    expect(config.rules['eslint/no-eval']).toBe('off');
    const res = await request(env.app).get(path()).set('authorization', callers.viewer);
    expect(res.body.argusYml).toBeNull();
  });

  it('lets .argus.yml win where it sets the gate or a rule, and says so in the portal', async () => {
    const yml = 'gate:\n  new:\n    critical: 0\n    high: 5\nrules:\n  eslint/no-eval: high\n  eslint/no-console: off\n';
    const { config } = await withRepositorySettings(env.knex, { repositoryId, commitSha: 'b'.repeat(40) }, loaded(yml));
    expect(config.gate.new).toEqual({ critical: 0, high: 5 });
    expect(config.rules).toEqual({ 'eslint/no-eval': 'high', 'eslint/no-console': 'off' });
    const res = await request(env.app).get(path()).set('authorization', callers.admin);
    expect(res.body).toMatchObject({
      gateSource: 'argus.yml',
      gate: { high: 2, medium: 10, secrets: 0 },
      argusYml: { file: '.argus.yml', commitSha: 'b'.repeat(40), gate: { critical: 0, high: 5 }, rules: { 'eslint/no-eval': 'high', 'eslint/no-console': 'off' } },
    });
    // A file with rules but no gate leaves the portal's gate in force.
    const { config: rulesOnly } = await withRepositorySettings(env.knex, { repositoryId, commitSha: 'c'.repeat(40) }, loaded('rules:\n  eslint/no-console: off\n'));
    expect(rulesOnly.gate.new).toEqual({ high: 2, medium: 10, secrets: 0 });
    expect(rulesOnly.rules).toEqual({ 'eslint/no-console': 'off', 'eslint/no-eval': 'off' });
  });
});

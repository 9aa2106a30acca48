import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../e2e/support/test-env';
import { createUserWithToken } from '../../e2e/support/auth';
import { RepositoryModel, RunModel, User } from './index';

// The models' relations resolve through the model registry (no import circle between table modules), on real Postgres.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('Objection relations across table modules', () => {
  it('a run fetches its repository and findings; a repository its runs; a user its memberships', async () => {
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [ws] = await env.knex('workspaces').insert({ name: 'Rel', slug: `rel-${randomUUID().slice(0, 8)}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'admin' });
    const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'git', fullName: 'rel/repo', cloneUrl: 'https://git.example.com/rel/repo.git' }).returning('id');
    const [run] = await env.knex('analysis_runs').insert({ workspaceId: ws.id, repositoryId: repo.id, workflowId: `rel-${randomUUID()}`, trigger: 'manual', status: 'completed' }).returning('id');
    await env.knex('findings').insert({ runId: run.id, repositoryId: repo.id, workspaceId: ws.id, tool: 'eslint', ruleId: 'eslint/no-eval', category: 'security', severity: 'high', path: 'a.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, message: 'm', snippet: 's', fingerprint: 'fp-rel' });

    const fetched = await RunModel.query(env.knex).findById(run.id).withGraphFetched('[repository, findings]');
    expect(fetched?.repository?.fullName).toBe('rel/repo');
    expect(fetched?.findings?.map((f) => f.fingerprint)).toEqual(['fp-rel']);
    const withRuns = await RepositoryModel.query(env.knex).findById(repo.id).withGraphFetched('runs');
    expect(withRuns?.runs?.map((r) => r.id)).toEqual([run.id]);
    const user = (await User.query(env.knex).findById(owner.user.id).withGraphFetched('memberships')) as User & { memberships: { workspaceId: string }[] };
    expect(user.memberships.map((m) => m.workspaceId)).toEqual([ws.id]);
  });
});

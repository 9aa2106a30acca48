import { createHmac, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import examples from '@octokit/webhooks-examples';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';
import { startGitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { createSampleRepo, type SampleRepo } from '../../../e2e/fixtures/sample-repo';

const run = promisify(execFile);
const SECRET = 'reporting-secret';

// GitHub itself is a loopback server speaking GitHub's REST wire format (e2e/support/github-loopback.ts);
// webhook payloads are GitHub's real examples from @octokit/webhooks-examples; the repository is a real git repo.
let env: TestEnv;
let github: Awaited<ReturnType<typeof startGitHubApiLoopback>>;
let repo: SampleRepo;

beforeAll(async () => {
  github = await startGitHubApiLoopback();
  env = await createTestEnv({
    ARGUS_ALLOW_PRIVATE_GIT: '1',
    GITHUB_WEBHOOK_SECRET: SECRET,
    GITHUB_APP_ID: '12345',
    GITHUB_APP_PRIVATE_KEY: github.privateKeyPem,
    GITHUB_API_URL: github.url,
  });
  repo = await createSampleRepo();
  await env.startWorker();
}, 180_000);
afterAll(async () => {
  await env.close();
  await github.close();
  await repo.cleanup();
});

function deliver(event: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return request(env.app)
    .post('/webhooks/github')
    .set('content-type', 'application/json')
    .set('x-github-event', event)
    .set('x-github-delivery', randomUUID())
    .set('x-hub-signature-256', `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`)
    .send(body);
}
const example = (name: string, pick: (p: any) => boolean) => structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === name)!.examples.find(pick));

describe('pull request analysis reported to GitHub', () => {
  it('creates a check run with annotations in batches of 50 and a PR summary comment', async () => {
    // The App is installed: the real installation payload creates the installation and its repository.
    const installation = example('installation', (p) => p.action === 'created');
    await deliver('installation', installation).expect(202);
    const owner = await createUserWithToken(env.knex, env.config.jwtSecret);
    const [ws] = await env.knex('workspaces').insert({ name: 'Codertocat', slug: `codertocat-${Date.now()}`, kind: 'team', ownerId: owner.user.id }).returning('id');
    await env.knex('workspace_members').insert({ workspaceId: ws.id, userId: owner.user.id, role: 'admin' });
    // Link the installation to the workspace, and clone from the local repository instead of github.com.
    await env.knex('github_installations').where({ installationId: installation.installation.id }).update({ workspaceId: ws.id });
    await env.knex('repositories').where({ githubRepoId: installation.repositories[0].id }).update({ workspaceId: ws.id, cloneUrl: `file://${repo.dir}` });
    const repository = await env.knex('repositories').where({ githubRepoId: installation.repositories[0].id }).first();

    // The default branch is analysed first (its run is the PR's comparison point).
    const baseline = await request(env.app).post(`/api/repositories/${repository.id}/analyze`).set('authorization', owner.authHeader).send({}).expect(202);
    await waitForRun(env.app, owner.authHeader, baseline.body.runId);

    // The PR head adds 60 new problems, more than one annotation batch.
    await run('git', ['checkout', '-q', '-b', 'feature'], { cwd: repo.dir });
    await writeFile(path.join(repo.dir, 'src', 'many.js'), Array.from({ length: 60 }, (_, i) => `export const f${i} = (x) => eval(x + ${i});`).join('\n') + '\n');
    await run('git', ['add', '-A'], { cwd: repo.dir });
    await run('git', ['-c', 'user.email=d@example.test', '-c', 'user.name=D', 'commit', '-qm', 'many evals'], { cwd: repo.dir });
    const head = (await run('git', ['rev-parse', 'HEAD'], { cwd: repo.dir })).stdout.trim();
    await run('git', ['update-ref', 'refs/pull/2/head', head], { cwd: repo.dir });
    await run('git', ['checkout', '-q', 'main'], { cwd: repo.dir });

    const pr = example('pull_request', (p) => p.action === 'opened');
    pr.repository.id = installation.repositories[0].id;
    pr.pull_request.head.sha = head;
    pr.pull_request.base.sha = repo.commits.initial;
    const accepted = await deliver('pull_request', pr).expect(202);
    expect(accepted.body.status).toBe('accepted');
    // The workflow's end (not the row's status) marks the end of reporting.
    for (let i = 0; i < 100; i++) {
      try {
        await env.temporal.workflow.getHandle(accepted.body.workflowId).describe();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await env.temporal.workflow.getHandle(accepted.body.workflowId).result();
    const runRow = await env.knex('analysis_runs').where({ workflowId: accepted.body.workflowId }).first();
    expect(runRow.status).toBe('completed');
    expect(runRow.gate.passed).toBe(false);

    const tokenCalls = github.calls.filter((c) => c.path.endsWith('/access_tokens'));
    expect(tokenCalls.length).toBe(1); // the installation token is cached
    // The default-branch run got its own check run; this one is the PR head's.
    const created = github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs') && c.body.head_sha === head);
    expect(created).toHaveLength(1);
    expect(created[0]!.path).toBe(`/repos/${installation.repositories[0].full_name}/check-runs`);
    expect(created[0]!.body).toMatchObject({ name: 'Argus', head_sha: head, status: 'completed', conclusion: 'failure' });
    const checkRunId = runRow.githubCheckRunId;
    const updates = github.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/check-runs/${checkRunId}`));
    const batches = [created[0]!.body.output.annotations, ...updates.map((u) => u.body.output.annotations)];
    expect(batches.every((b: unknown[]) => b.length <= 50)).toBe(true);
    const annotated = batches.flat();
    expect(annotated.length).toBe(runRow.summary.new);
    expect(annotated.length).toBeGreaterThan(50);
    expect(annotated[0]).toMatchObject({ path: 'src/many.js', annotation_level: 'failure' });
    const comment = github.calls.find((c) => c.method === 'POST' && c.path.endsWith(`/issues/${pr.number}/comments`));
    expect(comment?.body.body).toContain('Quality gate failed');
  });
});

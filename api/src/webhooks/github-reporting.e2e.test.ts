import { createHmac, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import examples from '@octokit/webhooks-examples';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { waitForRun } from '../../../e2e/support/runs';
import { startGitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { activateRepository, createTeam, linkInstallation, signUp } from '../../../e2e/support/github-app-flow';
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
    ...github.appEnv(),
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
    // The App is installed on GitHub (its webhook arrives), then linked and its repository activated through the
    // App flow: install URL, the user's authorization, GET /user/installations, the pick (e2e/support/github-app-flow.ts).
    const installation = example('installation', (p) => p.action === 'created');
    const installed = github.addInstallation({ id: installation.installation.id, account: { login: 'Codertocat', type: 'User' }, repositories: [{ id: installation.repositories[0].id, name: 'Hello-World' }], users: ['Codertocat'] });
    await deliver('installation', installation).expect(202);
    const owner = await signUp(env.app, 'Codertocat');
    const ws = await createTeam(env.app, owner.authHeader, 'Codertocat');
    const linked = await linkInstallation(env.app, owner.authHeader, github, ws.id, installed, 'Codertocat');
    const activated = await activateRepository(env.app, owner.authHeader, linked.installation.id, installation.repositories[0].id);
    // Clone from the local repository instead of github.com (the one stand-in this test makes).
    await env.knex('repositories').where({ id: activated.repositoryId }).update({ cloneUrl: `file://${repo.dir}` });
    const repository = { id: activated.repositoryId! };
    const workerCallsFrom = github.calls.length; // the API's own installation token (for the pick) is not the worker's

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

    const tokenCalls = github.calls.slice(workerCallsFrom).filter((c) => c.path.endsWith('/access_tokens'));
    expect(tokenCalls.length).toBe(1); // the worker's installation token is cached
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
  }, 180_000);
});

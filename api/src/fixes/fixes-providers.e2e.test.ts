import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { WorkflowFailedError } from '@temporalio/client';
import examples from '@octokit/webhooks-examples';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';
import { waitForRun } from '../../../e2e/support/runs';
import { startGitHubApiLoopback, type GitHubApiLoopback } from '../../../e2e/support/github-loopback';
import { anthropicMessage, anthropicRateLimited, groqCompletion, groqRateLimited, startAnthropicLoopback, startGroqLoopback, type LlmLoopback } from '../../../e2e/support/llm-loopback';
import { BROKEN_SYNTAX_ANSWER, GOOD_EQEQEQ_ANSWER, GOOD_UNUSED_VAR_ANSWER, MALFORMED_ANSWER, NOT_APPLYING_ANSWER, USELESS_EQEQEQ_ANSWER } from '../../../e2e/support/sample-patches';
import { applyPullRequestClosed } from './pull-request-events';
import { createBareSampleRemote, gitIn, waitForFix, type BareRemote } from '../../../e2e/support/fixes';

// The AI providers and the GitHub App path, on real parts except the three outside services, which are loopback HTTP
// servers speaking their wire formats so the real clients run unchanged:
// - Groq: the real groq-sdk against a loopback speaking OpenAI-compatible POST /openai/v1/chat/completions (GROQ_BASE_URL);
// - Anthropic: the real @anthropic-ai/sdk against a loopback speaking POST /v1/messages (ANTHROPIC_BASE_URL);
// - GitHub: the real @octokit/rest + @octokit/auth-app against e2e/support/github-loopback.ts (GITHUB_API_URL),
//   which checks the App JWT signed with an RSA key generated here (crypto.generateKeyPairSync).
// The repository is a GitHub App repository whose clone URL is a local bare remote (file://).
let env: TestEnv;
let remote: BareRemote;
let github: GitHubApiLoopback;
let groq: LlmLoopback;
let anthropic: LlmLoopback;
type Caller = Awaited<ReturnType<typeof createUserWithToken>>;
let admin: Caller;
let developer: Caller;
let workspaceId: string;
let run: { id: string; commitSha: string };
let findings: { id: string; ruleId: string; path: string; startLine: number }[];
const GITHUB_REPO_ID = 4_242_001;
const INSTALLATION_ID = 777_001;
const GROQ_KEY = 'gsk_workspace_key_for_tests_1234567890';
const ANTHROPIC_KEY = 'sk-ant-workspace-key-for-tests-0987654321';
const savedEnv = { GROQ_BASE_URL: process.env.GROQ_BASE_URL, ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL };

const finding = (ruleId: string, line?: number) => {
  const f = findings.find((x) => x.ruleId === ruleId && x.path === 'src/legacy.js' && (line === undefined || x.startLine === line));
  if (!f) throw new Error(`no ${ruleId} finding`);
  return f;
};

function generate(findingId: string, provider: 'groq' | 'anthropic', caller: Caller = developer) {
  return request(env.app).post(`/api/fixes/generate/${findingId}?provider=${provider}`).set('authorization', caller.authHeader);
}

async function fixWith(findingId: string, provider: 'groq' | 'anthropic') {
  const res = await generate(findingId, provider).expect(202);
  return waitForFix(env.app, developer.authHeader, findingId, res.body.id);
}

beforeAll(async () => {
  [github, groq, anthropic] = await Promise.all([startGitHubApiLoopback(), startGroqLoopback(), startAnthropicLoopback()]);
  // The worker runs in this process and reads the providers' base URLs from the environment.
  process.env.GROQ_BASE_URL = groq.url;
  process.env.ANTHROPIC_BASE_URL = anthropic.url;
  env = await createTestEnv({ ARGUS_ALLOW_PRIVATE_GIT: '1', GITHUB_APP_ID: '4242', GITHUB_APP_PRIVATE_KEY: github.privateKeyPem, GITHUB_API_URL: github.url, PORTAL_URL: 'https://argus.example.test' });
  remote = await createBareSampleRemote();
  admin = await createUserWithToken(env.knex, env.config.jwtSecret);
  developer = await createUserWithToken(env.knex, env.config.jwtSecret);
  const [ws] = await env.knex('workspaces').insert({ name: 'Acme', slug: `acme-fix-${Date.now()}`, kind: 'team', ownerId: admin.user.id }).returning('id');
  workspaceId = ws.id;
  await env.knex('workspace_members').insert([
    { workspaceId, userId: admin.user.id, role: 'admin' },
    { workspaceId, userId: developer.user.id, role: 'developer' },
  ]);
  const [installation] = await env.knex('github_installations').insert({ installationId: INSTALLATION_ID, accountLogin: 'acme', accountType: 'Organization', workspaceId }).returning('id');
  const [repo] = await env
    .knex('repositories')
    .insert({ workspaceId, provider: 'github', fullName: 'acme/shop', cloneUrl: `file://${remote.bare}`, defaultBranch: 'main', githubInstallationId: installation.id, githubRepoId: GITHUB_REPO_ID })
    .returning('id');
  await env.startWorker();
  const started = await request(env.app).post(`/api/repositories/${repo.id}/analyze`).set('authorization', admin.authHeader).send({}).expect(202);
  run = await waitForRun(env.app, admin.authHeader, started.body.runId);
  findings = (await request(env.app).get(`/api/runs/${run.id}/findings?pageSize=200`).set('authorization', admin.authHeader).expect(200)).body.items;
}, 180_000);
afterAll(async () => {
  await env?.close();
  await Promise.all([github?.close(), groq?.close(), anthropic?.close(), remote?.cleanup()]);
  Object.assign(process.env, savedEnv);
  for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k];
});

describe('workspace AI keys', () => {
  it('refuses an AI provider without a key up front', async () => {
    const res = await generate(finding('eslint/eqeqeq').id, 'groq').expect(409);
    expect(res.body.detail).toContain('No Groq API key');
  });

  it('are set by admins only, stored encrypted and never returned', async () => {
    await request(env.app).put(`/api/workspaces/${workspaceId}/ai-keys`).set('authorization', developer.authHeader).send({ provider: 'groq', apiKey: GROQ_KEY }).expect(403);
    for (const [provider, apiKey] of [['groq', GROQ_KEY], ['anthropic', ANTHROPIC_KEY]]) {
      const res = await request(env.app).put(`/api/workspaces/${workspaceId}/ai-keys`).set('authorization', admin.authHeader).send({ provider, apiKey }).expect(200);
      expect(res.body).toMatchObject({ provider, configured: true, source: 'workspace' });
      expect(JSON.stringify(res.body)).not.toContain(apiKey);
    }
    const rows = await env.knex('workspace_ai_keys').where({ workspaceId });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.keySealed).toMatch(/^v1\./);
      expect(r.keySealed).not.toContain(r.provider === 'groq' ? GROQ_KEY : ANTHROPIC_KEY);
    }
    const listed = await request(env.app).get(`/api/workspaces/${workspaceId}/ai-keys`).set('authorization', developer.authHeader).expect(200);
    expect(listed.body.providers).toEqual([
      expect.objectContaining({ provider: 'groq', configured: true, source: 'workspace', model: 'openai/gpt-oss-120b' }),
      expect.objectContaining({ provider: 'anthropic', configured: true, source: 'workspace', model: 'claude-haiku-4-5' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/gsk_|sk-ant-/);
    const audit = await env.knex('activity_log').where({ workspaceId }).whereIn('action', ['workspace.ai_key_set', 'workspace.ai_key_replaced']);
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/gsk_|sk-ant-/);
  });
});

describe('groq (loopback: OpenAI-compatible /openai/v1/chat/completions)', () => {
  it('validates a good patch, with the workspace key, the usage and its cost', async () => {
    groq.reply(() => ({ body: groqCompletion(GOOD_EQEQEQ_ANSWER, { promptTokens: 900, completionTokens: 120 }) }));
    const eq = finding('eslint/eqeqeq');
    const fix = await fixWith(eq.id, 'groq');
    expect(fix).toMatchObject({ status: 'validated', provider: 'groq', model: 'openai/gpt-oss-120b', usage: { tokensIn: 900, tokensOut: 120, costMicroUsd: Math.round(900 * 0.15 + 120 * 0.6) } });
    expect(fix.explanation).toContain('strict equality');
    expect(fix.validation).toMatchObject({ findingGone: true, newFindings: [], parseErrors: [] });
    const sent = groq.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${GROQ_KEY}`);
    expect(sent.body.messages[1].content).toContain('Rule documentation: https://eslint.org/docs/latest/rules/eqeqeq');
    const usage = await env.knex('usage_events').where({ idempotencyKey: `fix:${fix.id}` }).first();
    expect(usage.metadata).toMatchObject({ provider: 'groq', tokensIn: 900, tokensOut: 120, costMicroUsd: Math.round(900 * 0.15 + 120 * 0.6) });
  });

  it('fails a malformed answer, a 429 and a refusal, each with its reason', async () => {
    const unused = finding('eslint/no-unused-vars');
    groq.reply(() => ({ body: groqCompletion(MALFORMED_ANSWER, { promptTokens: 700, completionTokens: 30 }) }));
    const malformed = await fixWith(unused.id, 'groq');
    expect(malformed).toMatchObject({ status: 'failed', failureType: 'InvalidPatch', usage: { tokensIn: 700, tokensOut: 30 } });
    expect(malformed.failureReason).toContain('no unified diff');

    groq.reply(() => groqRateLimited());
    const before = groq.requests.length;
    const limited = await fixWith(unused.id, 'groq');
    expect(limited).toMatchObject({ status: 'failed', failureType: 'ProviderRateLimited' });
    expect(limited.failureReason).toContain('429');
    // The SDK retried once; Temporal did not retry a final failure.
    expect(groq.requests.length - before).toBe(2);

    groq.reply(() => ({ body: groqCompletion("I'm sorry, but I can't help with changing this code.") }));
    const refused = await fixWith(unused.id, 'groq');
    expect(refused).toMatchObject({ status: 'failed', failureType: 'ProviderRefused' });
    expect(refused.failureReason).toContain("I'm sorry");
    // Failed fixes are audited; none of them was metered.
    expect(await env.knex('activity_log').where({ action: 'fix.failed' }).whereIn('resourceId', [malformed.id, limited.id, refused.id])).toHaveLength(3);
    expect(await env.knex('usage_events').whereIn('idempotencyKey', [malformed.id, limited.id, refused.id].map((id) => `fix:${id}`))).toHaveLength(0);
  });

  it('retries a timeout through Temporal, then fails with ProviderTimeout (workflow started directly to shorten it)', async () => {
    groq.reply(() => ({ delayMs: 3_000, body: groqCompletion(GOOD_EQEQEQ_ANSWER) }));
    const evalFinding = finding('eslint/no-eval', 13);
    const [row] = await env.knex('fixes').insert({ findingId: evalFinding.id, runId: run.id, workspaceId, repositoryId: (await env.knex('findings').where({ id: evalFinding.id }).first()).repositoryId, provider: 'groq', workflowId: `fix-${evalFinding.id}-groq`, status: 'queued' }).returning('id');
    const before = groq.requests.length;
    const result = await env.temporal.workflow.execute('generateFix', {
      taskQueue: env.taskQueue,
      workflowId: `fix-${evalFinding.id}-groq`,
      args: [{ fixId: row.id, providerTimeoutMs: 300, maxAttempts: 2, retryInterval: '100 milliseconds' }],
    });
    expect(result).toMatchObject({ fixId: row.id, status: 'failed', failureType: 'ProviderTimeout' });
    // Two Temporal attempts, each with the SDK's own retry.
    expect(groq.requests.length - before).toBe(4);
    const stored = await env.knex('fixes').where({ id: row.id }).first();
    expect(stored).toMatchObject({ status: 'failed', failureType: 'ProviderTimeout' });
    expect(stored.failureReason).toContain('did not answer');
  });
});

describe('anthropic (loopback: /v1/messages)', () => {
  it('validates a good patch (with hunk counts a model got wrong) and prices it', async () => {
    anthropic.reply(() => ({ body: anthropicMessage(GOOD_UNUSED_VAR_ANSWER, { inputTokens: 1024, outputTokens: 128 }) }));
    const fix = await fixWith(finding('eslint/no-unused-vars').id, 'anthropic');
    expect(fix).toMatchObject({ status: 'validated', model: 'claude-haiku-4-5', usage: { tokensIn: 1024, tokensOut: 128, costMicroUsd: 1024 * 1 + 128 * 5 } });
    expect(fix.patch).toContain('-  const unusedCounter = 0;');
  });

  it('fails a malformed answer, a 429 and a refusal, each with its reason', async () => {
    const evalFinding = finding('eslint/no-eval', 13);
    anthropic.reply(() => ({ body: anthropicMessage(MALFORMED_ANSWER) }));
    expect(await fixWith(evalFinding.id, 'anthropic')).toMatchObject({ status: 'failed', failureType: 'InvalidPatch' });
    anthropic.reply(() => anthropicRateLimited());
    expect(await fixWith(evalFinding.id, 'anthropic')).toMatchObject({ status: 'failed', failureType: 'ProviderRateLimited', failureReason: expect.stringContaining('429') });
    anthropic.reply(() => ({ body: anthropicMessage('', { stopReason: 'refusal' }) }));
    expect(await fixWith(evalFinding.id, 'anthropic')).toMatchObject({ status: 'failed', failureType: 'ProviderRefused', failureReason: expect.stringContaining('refused') });
  });

  it('rejects patches that do not hold up, and a rejected fix never reaches a pull request', async () => {
    const eq = finding('eslint/eqeqeq');
    anthropic.reply(() => ({ body: anthropicMessage(USELESS_EQEQEQ_ANSWER) }));
    const useless = await fixWith(eq.id, 'anthropic');
    expect(useless).toMatchObject({ status: 'rejected', failureType: 'ValidationFailed', validation: { applies: true, findingGone: false } });
    expect(useless.failureReason).toContain('still report eslint/eqeqeq');
    anthropic.reply(() => ({ body: anthropicMessage(NOT_APPLYING_ANSWER) }));
    const stale = await fixWith(eq.id, 'anthropic');
    expect(stale).toMatchObject({ status: 'rejected', validation: { applies: false } });
    expect(stale.failureReason).toContain('does not apply');
    anthropic.reply(() => ({ body: anthropicMessage(BROKEN_SYNTAX_ANSWER) }));
    const broken = await fixWith(eq.id, 'anthropic');
    expect(broken).toMatchObject({ status: 'rejected', validation: { applies: true, parseErrors: [expect.objectContaining({ ruleId: 'eslint/parse-error', path: 'src/legacy.js' })] } });
    expect(broken.failureReason).toContain('no longer parses');
    // Each retry had its own workflow: one per finding would let a retry attach to the rejected fix's workflow while
    // it finished metering, and the new fix would stay queued.
    expect(new Set([useless.workflowId, stale.workflowId, broken.workflowId]).size).toBe(3);

    const refused = await request(env.app).post(`/api/fixes/${useless.id}/create-pr`).set('authorization', developer.authHeader).expect(409);
    expect(refused.body.detail).toContain('Only a validated fix');
    // The workflow refuses too, even when started behind the API's back.
    const err = await env.temporal.workflow
      .execute('fixToPullRequest', { taskQueue: env.taskQueue, workflowId: `fix-pr-${useless.id}`, args: [{ fixIds: [useless.id], branch: `argus/fix-${useless.id}` }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'FixNotValidated' });
    await expect(gitIn(remote.bare, ['rev-parse', '--verify', '-q', `refs/heads/argus/fix-${useless.id}`])).rejects.toThrow();
    expect((await env.knex('fixes').where({ id: useless.id }).first()).status).toBe('rejected');
  }, 240_000); // Three fixes, each validated by a real re-analysis: 2 s alone, 90 s once in CI beside the rest of the suite. waitForFix's own 90 s per fix names a fix that hangs.
});

describe('pull requests on a GitHub App repository (loopback GitHub REST)', () => {
  let groqFix: { id: string; findingId: string };

  it('opens the PR through the installation’s Octokit, with a body that links the finding and explains the change', async () => {
    const eq = finding('eslint/eqeqeq');
    const fixes = (await request(env.app).get(`/api/fixes/result/${eq.id}/all`).set('authorization', developer.authHeader).expect(200)).body.fixes;
    groqFix = fixes.find((f: { provider: string; status: string }) => f.provider === 'groq' && f.status === 'validated');
    await request(env.app).post(`/api/fixes/${groqFix.id}/create-pr`).set('authorization', developer.authHeader).expect(202);
    const opened = await waitForFix(env.app, developer.authHeader, eq.id, groqFix.id, ['pr_open']);
    expect(opened.pullRequest).toEqual({ branch: `argus/fix-${groqFix.id}`, url: 'https://github.com/acme/shop/pull/1', number: 1 });

    const tokenCall = github.calls.find((c) => c.method === 'POST' && c.path === `/app/installations/${INSTALLATION_ID}/access_tokens`);
    expect(tokenCall?.authorization).toMatch(/^bearer /i);
    const prCall = github.calls.find((c) => c.method === 'POST' && c.path === '/repos/acme/shop/pulls')!;
    expect(prCall.authorization).toMatch(/^token ghs_/);
    expect(prCall.body).toMatchObject({ head: `argus/fix-${groqFix.id}`, base: 'main', title: 'Argus: fix eslint/eqeqeq in src/legacy.js' });
    expect(prCall.body.body).toContain(`https://argus.example.test/runs/${run.id}?finding=${eq.id}`);
    expect(prCall.body.body).toContain('strict equality');
    expect(prCall.body.body).toContain('groq (openai/gpt-oss-120b)');
    // The branch went to the repository's remote.
    const sha = await gitIn(remote.bare, ['rev-parse', `refs/heads/argus/fix-${groqFix.id}`]);
    expect(await gitIn(remote.bare, ['show', `${sha}:src/legacy.js`])).toContain("return user.role === 'admin';");
  });

  it('marks the fix merged when the pull_request closed webhook says merged, once', async () => {
    const payload = structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'closed'));
    payload.repository.id = GITHUB_REPO_ID;
    Object.assign(payload.pull_request, { number: 1, merged: true, merged_at: '2026-11-22T10:00:00Z' });
    payload.pull_request.head.ref = `argus/fix-${groqFix.id}`;
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'merged', fixIds: [groqFix.id] });
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'merged', fixIds: [] });
    const all = (await request(env.app).get(`/api/fixes/result/${groqFix.findingId}/all`).set('authorization', developer.authHeader).expect(200)).body;
    expect(all.fixes.find((f: { id: string }) => f.id === groqFix.id)).toMatchObject({ status: 'merged', closedAt: expect.any(String), pullRequest: { number: 1 } });
    const audit = await env.knex('activity_log').where({ action: 'fix.merged', resourceId: groqFix.id });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorKind).toBe('system');
  });

  it('marks the fix closed when the pull request is closed without merging', async () => {
    const unused = finding('eslint/no-unused-vars');
    const fix = (await request(env.app).get(`/api/fixes/${unused.id}`).set('authorization', developer.authHeader).expect(200)).body;
    expect(fix).toMatchObject({ provider: 'anthropic', status: 'validated' });
    await request(env.app).post(`/api/fixes/${fix.id}/create-pr`).set('authorization', developer.authHeader).expect(202);
    const opened = await waitForFix(env.app, developer.authHeader, unused.id, fix.id, ['pr_open']);
    expect(opened.pullRequest.number).toBe(2);
    const payload = structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'closed'));
    payload.repository.id = GITHUB_REPO_ID;
    Object.assign(payload.pull_request, { number: 2, merged: false, merged_at: null });
    payload.pull_request.head.ref = opened.pullRequest.branch;
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'closed', fixIds: [fix.id] });
    expect((await env.knex('fixes').where({ id: fix.id }).first()).status).toBe('closed');
    // Another repository's PR with the same number changes nothing.
    payload.repository.id = 1;
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'closed', fixIds: [] });
  });

  it("a fork's pull request whose head branch is named argus/fix-<id> does not touch the fix", async () => {
    const [open] = await env.knex('fixes').where({ status: 'pr_open' }).limit(1);
    const target = open ?? (await env.knex('fixes').whereNotNull('prBranch').first());
    if (!open) await env.knex('fixes').where({ id: target.id }).update({ status: 'pr_open' });
    const payload = structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'closed'));
    payload.repository.id = GITHUB_REPO_ID;
    Object.assign(payload.pull_request, { number: 9999, merged: false, merged_at: null });
    payload.pull_request.head.ref = target.prBranch;
    payload.pull_request.head.repo = { ...payload.pull_request.head.repo, id: 424242, full_name: 'attacker/fork' };
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'closed', fixIds: [] });
    expect((await env.knex('fixes').where({ id: target.id }).first()).status).toBe('pr_open');
    // The same branch name from the repository itself is Argus's own PR.
    payload.pull_request.head.repo.id = GITHUB_REPO_ID;
    expect(await applyPullRequestClosed(env.deps, payload)).toEqual({ status: 'closed', fixIds: [target.id] });
  });
});

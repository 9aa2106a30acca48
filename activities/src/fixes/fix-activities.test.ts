import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createBareSampleRemote, type BareRemote } from '../../../e2e/support/sample-remote';
import { createSecretBox } from '../platform/secrets';
import { DEFAULT_LIMITS } from '../analysis';
import type { Finding } from '../analyzers/index';
import { compareBeforeAfter, createFixActivities } from './fix-activities';
import { groqCompletion, startGroqLoopback, type LlmLoopback } from '../../../e2e/support/llm-loopback';
import { GOOD_EQEQEQ_ANSWER, MALFORMED_ANSWER } from '../../../e2e/support/sample-patches';

// The generation activity in Temporal's MockActivityEnvironment, on a real database and a real git remote (a bare
// clone of the fixture repository); Groq is the real groq-sdk against a loopback speaking /openai/v1/chat/completions.
let env: TestEnv;
let remote: BareRemote;
let groq: LlmLoopback;
let activities: ReturnType<typeof createFixActivities>;
let ids: { workspaceId: string; repositoryId: string; runId: string; findingId: string };

async function newFix(provider: 'builtin' | 'groq') {
  // One live fix per finding and provider (a unique index): retire the previous test's.
  await env.knex('fixes').where({ findingId: ids.findingId, provider }).update({ status: 'failed' });
  const [row] = await env.knex('fixes').insert({ findingId: ids.findingId, runId: ids.runId, workspaceId: ids.workspaceId, repositoryId: ids.repositoryId, provider, workflowId: `test-${Math.random()}`, status: 'generating' }).returning('id');
  return row.id as string;
}

async function generateIn(fixId: string, attempt = 1) {
  const mock = new MockActivityEnvironment({ attempt });
  return mock.run(activities.generateFixPatch, { fixId, timeoutMs: 300 });
}

beforeAll(async () => {
  env = await createTestEnv();
  remote = await createBareSampleRemote();
  groq = await startGroqLoopback();
  const [user] = await env.knex('users').insert({ email: `fix-activity-${Date.now()}@example.test`, name: 'u', passwordHash: 'x' }).returning('id');
  const [ws] = await env.knex('workspaces').insert({ name: 'W', slug: `w-fix-${Date.now()}`, kind: 'team', ownerId: user.id }).returning('id');
  const [repo] = await env.knex('repositories').insert({ workspaceId: ws.id, provider: 'git', fullName: 'acme/shop', cloneUrl: `file://${remote.bare}` }).returning('id');
  const [run] = await env.knex('analysis_runs').insert({ workspaceId: ws.id, repositoryId: repo.id, workflowId: `analysis-${Date.now()}`, trigger: 'manual', status: 'completed', commitSha: remote.head }).returning('id');
  const [finding] = await env
    .knex('findings')
    .insert({ runId: run.id, repositoryId: repo.id, workspaceId: ws.id, tool: 'eslint', ruleId: 'eslint/eqeqeq', category: 'bug', severity: 'low', path: 'src/legacy.js', startLine: 17, startColumn: 20, endLine: 17, endColumn: 22, message: "Expected '===' and instead saw '=='.", snippet: "return user.role == 'admin';", fingerprint: 'fp-eqeqeq' })
    .returning('id');
  ids = { workspaceId: ws.id, repositoryId: repo.id, runId: run.id, findingId: finding.id };
  const secrets = createSecretBox(env.config.encryptionKeys, env.config.activeEncryptionKeyId);
  await env.knex('workspace_ai_keys').insert({ workspaceId: ws.id, provider: 'groq', keySealed: secrets.encrypt('gsk_activity_test_key', `workspace:${ws.id}:groq`) });
  process.env.GROQ_BASE_URL = groq.url;
  activities = createFixActivities({ knex: env.knex, secrets, octokitFor: null, portalUrl: 'http://portal.test', allowPrivateRemotes: true, limits: { ...DEFAULT_LIMITS, sandboxRoot: path.join(os.tmpdir(), 'argus-fix-activity-tests') } });
}, 120_000);
afterAll(async () => {
  delete process.env.GROQ_BASE_URL;
  await env?.close();
  await groq?.close();
  await remote?.cleanup();
});

describe('generateFixPatch (MockActivityEnvironment)', () => {
  it('stores the built-in fix as a git-applicable unified diff', async () => {
    const fixId = await newFix('builtin');
    const summary = await generateIn(fixId);
    expect(summary).toMatchObject({ fixId, status: 'generated', model: 'eslint', files: ['src/legacy.js'] });
    const row = await env.knex('fixes').where({ id: fixId }).first();
    expect(row.patch).toMatch(/^diff --git a\/src\/legacy\.js b\/src\/legacy\.js\nindex [0-9a-f]+\.\.[0-9a-f]+ 100644\n--- a\/src\/legacy\.js\n\+\+\+ b\/src\/legacy\.js\n@@ /);
    // A retry after the row was written returns what is stored.
    expect(await generateIn(fixId, 2)).toEqual(summary);
  });

  it('decrypts the workspace key for the provider', async () => {
    groq.reply(() => ({ body: groqCompletion(GOOD_EQEQEQ_ANSWER) }));
    const fixId = await newFix('groq');
    expect(await generateIn(fixId)).toMatchObject({ status: 'generated', model: 'openai/gpt-oss-120b', tokensIn: 812, tokensOut: 96, costMicroUsd: Math.round(812 * 0.15 + 96 * 0.6) });
    expect(groq.requests.at(-1)!.headers.authorization).toBe('Bearer gsk_activity_test_key');
  });

  it('fails a malformed answer for good (non-retryable InvalidPatch) and keeps its usage', async () => {
    groq.reply(() => ({ body: groqCompletion(MALFORMED_ANSWER, { promptTokens: 500, completionTokens: 20 }) }));
    const fixId = await newFix('groq');
    const err = await generateIn(fixId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'InvalidPatch', nonRetryable: true });
    expect(await env.knex('fixes').where({ id: fixId }).first()).toMatchObject({ status: 'generating', tokensIn: 500, tokensOut: 20 });
  });

  it('leaves a timeout retryable, for Temporal to try again', async () => {
    groq.reply(() => ({ delayMs: 3_000, body: groqCompletion(GOOD_EQEQEQ_ANSWER) }));
    const err = await generateIn(await newFix('groq')).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'ProviderTimeout', nonRetryable: false });
  });
});

describe('comparing findings before and after a patch', () => {
  const f = (ruleId: string, snippet: string, fingerprint: string, path = 'a.js'): Finding => ({ tool: 'eslint', ruleId, category: 'bug', severity: 'low', path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, message: ruleId, snippet, helpUrl: null, fingerprint, suppression: null });

  it('is gone when its occurrence and its rule’s count in the file went down', () => {
    const target = f('eslint/eqeqeq', 'a == b', 'x1');
    expect(compareBeforeAfter(target, [target, f('eslint/no-eval', 'eval(a == b)', 'e1')], [f('eslint/no-eval', 'eval(a == b)', 'e1')])).toEqual({ findingGone: true, newFindings: [], parseErrors: [] });
  });

  it('is not gone when the patch only rewrote the line (same rule, new snippet)', () => {
    const target = f('eslint/eqeqeq', 'a == b', 'x1');
    expect(compareBeforeAfter(target, [target], [f('eslint/eqeqeq', 'a  ==  b // ok', 'x2')]).findingGone).toBe(false);
  });

  it('does not count another finding on the edited line as new (its snippet changed, its rule count did not)', () => {
    const target = f('eslint/eqeqeq', 'x(eval(s) == 1)', 'x1');
    const other = f('eslint/no-eval', 'x(eval(s) == 1)', 'e1');
    const result = compareBeforeAfter(target, [target, other], [f('eslint/no-eval', 'x(eval(s) === 1)', 'e2')]);
    expect(result).toEqual({ findingGone: true, newFindings: [], parseErrors: [] });
  });

  it('reports findings whose rule grew in the file, and parse errors', () => {
    const target = f('eslint/eqeqeq', 'a == b', 'x1');
    const result = compareBeforeAfter(target, [target], [f('eslint/no-undef', 'c === b', 'u1'), f('eslint/parse-error', '', 'p1')]);
    expect(result.findingGone).toBe(true);
    expect(result.newFindings.map((n) => n.ruleId)).toEqual(['eslint/no-undef']);
    expect(result.parseErrors.map((n) => n.ruleId)).toEqual(['eslint/parse-error']);
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REPO_DIR } from '../../../e2e/fixtures/sample-repo';
import { buildFixPrompt, costMicroUsd, createAnthropicProvider, createGroqProvider, llmSettingsFromEnv, type LlmSettings } from './llm';
import { anthropicMessage, anthropicRateLimited, groqCompletion, groqRateLimited, startAnthropicLoopback, startGroqLoopback, type LlmLoopback } from '../../../e2e/support/llm-loopback';
import { GOOD_EQEQEQ_ANSWER, MALFORMED_ANSWER } from '../../../e2e/support/sample-patches';
import type { FixRequest } from './types';

// The adapters through the real groq-sdk and @anthropic-ai/sdk, pointed at loopback HTTP servers that speak each
// provider's wire format: Groq's OpenAI-compatible POST /openai/v1/chat/completions and Anthropic's POST /v1/messages.
let groq: LlmLoopback;
let anthropic: LlmLoopback;
let request: FixRequest;

beforeAll(async () => {
  [groq, anthropic] = await Promise.all([startGroqLoopback(), startAnthropicLoopback()]);
  const source = await readFile(path.join(SAMPLE_REPO_DIR, 'src/legacy.js'), 'utf8');
  request = {
    source,
    root: SAMPLE_REPO_DIR,
    finding: { id: 'f-1', ruleId: 'eslint/eqeqeq', tool: 'eslint', path: 'src/legacy.js', startLine: 17, startColumn: 20, endLine: 17, endColumn: 22, message: "Expected '===' and instead saw '=='.", snippet: "return user.role == 'admin';", helpUrl: 'https://eslint.org/docs/latest/rules/eqeqeq' },
  };
});
afterAll(async () => {
  await Promise.all([groq.close(), anthropic.close()]);
});

const settings = (provider: 'groq' | 'anthropic', url: string, extra: Partial<LlmSettings> = {}): LlmSettings => ({
  provider,
  apiKey: 'sk-test-loopback-key',
  model: provider === 'groq' ? 'openai/gpt-oss-120b' : 'claude-haiku-4-5',
  baseURL: url,
  timeoutMs: 5_000,
  maxRetries: 1,
  ...extra,
});

describe('the prompt', () => {
  it('carries the rule, its documentation, the finding and ±20 numbered lines of code', () => {
    const prompt = buildFixPrompt(request);
    expect(prompt).toContain('Rule: eslint/eqeqeq');
    expect(prompt).toContain('Rule documentation: https://eslint.org/docs/latest/rules/eqeqeq');
    expect(prompt).toContain("Finding: Expected '===' and instead saw '=='.");
    expect(prompt).toContain('src/legacy.js, line 17 column 20');
    expect(prompt).toContain("17 |   return user.role == 'admin';");
    expect(prompt).toContain(' 1 | // Legacy plugin loader'); // 17 - 20 < 1: starts at the top of the file
  });

  it('defaults to current models (not the decommissioned ones of seed 000); env overrides them', () => {
    expect(llmSettingsFromEnv('groq', {}).model).toBe('openai/gpt-oss-120b');
    expect(llmSettingsFromEnv('anthropic', {}).model).toBe('claude-haiku-4-5');
    expect(llmSettingsFromEnv('groq', { GROQ_MODEL: 'openai/gpt-oss-20b', GROQ_BASE_URL: 'http://127.0.0.1:1', GROQ_API_KEY: 'k' })).toEqual({ provider: 'groq', model: 'openai/gpt-oss-20b', baseURL: 'http://127.0.0.1:1', apiKey: 'k' });
  });

  it('prices usage in integer micro-dollars', () => {
    expect(costMicroUsd('openai/gpt-oss-120b', { tokensIn: 1_000_000, tokensOut: 0 })).toBe(150_000);
    expect(costMicroUsd('claude-haiku-4-5', { tokensIn: 1024, tokensOut: 128 })).toBe(1024 * 1 + 128 * 5);
    expect(costMicroUsd('some-new-model', { tokensIn: 1, tokensOut: 1 })).toBeNull();
  });
});

describe('groq adapter (loopback: OpenAI-compatible /openai/v1/chat/completions)', () => {
  it('returns the patch, the explanation and the usage of a good answer', async () => {
    groq.reply(() => ({ body: groqCompletion(GOOD_EQEQEQ_ANSWER, { promptTokens: 900, completionTokens: 120 }) }));
    const before = groq.requests.length;
    const answer = await createGroqProvider(settings('groq', groq.url)).generate(request);
    expect(answer).toMatchObject({ kind: 'patch', model: 'openai/gpt-oss-120b', usage: { tokensIn: 900, tokensOut: 120 } });
    expect(answer.kind === 'patch' && answer.patch).toContain("+  return user.role === 'admin';");
    const sent = groq.requests[before]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test-loopback-key');
    expect(sent.body.model).toBe('openai/gpt-oss-120b');
    expect(sent.body.messages[0].role).toBe('system');
    expect(sent.body.messages[1].content).toContain('Rule: eslint/eqeqeq');
  });

  it('turns a malformed answer into InvalidPatch, keeping the tokens it cost', async () => {
    groq.reply(() => ({ body: groqCompletion(MALFORMED_ANSWER, { promptTokens: 700, completionTokens: 30 }) }));
    await expect(createGroqProvider(settings('groq', groq.url)).generate(request)).rejects.toMatchObject({ type: 'InvalidPatch', usage: { tokensIn: 700, tokensOut: 30, model: 'openai/gpt-oss-120b' } });
  });

  it('turns a 429 into ProviderRateLimited after the SDK’s one retry', async () => {
    groq.reply(() => groqRateLimited());
    const before = groq.requests.length;
    await expect(createGroqProvider(settings('groq', groq.url)).generate(request)).rejects.toMatchObject({ type: 'ProviderRateLimited', message: expect.stringContaining('429') });
    expect(groq.requests.length - before).toBe(2);
  });

  it('turns a refusal into ProviderRefused (plain-language refusal and the refusal field)', async () => {
    groq.reply(() => ({ body: groqCompletion("I'm sorry, but I can't help with that request.") }));
    await expect(createGroqProvider(settings('groq', groq.url)).generate(request)).rejects.toMatchObject({ type: 'ProviderRefused' });
    groq.reply(() => ({ body: groqCompletion('', { refusal: 'This request violates the usage policy.' }) }));
    await expect(createGroqProvider(settings('groq', groq.url)).generate(request)).rejects.toMatchObject({ type: 'ProviderRefused', message: expect.stringContaining('usage policy') });
  });

  it('turns a slow answer into ProviderTimeout (retried by Temporal, not final)', async () => {
    groq.reply(() => ({ delayMs: 2_000, body: groqCompletion(GOOD_EQEQEQ_ANSWER) }));
    await expect(createGroqProvider(settings('groq', groq.url, { timeoutMs: 200, maxRetries: 0 })).generate(request)).rejects.toMatchObject({ type: 'ProviderTimeout' });
  });
});

describe('anthropic adapter (loopback: /v1/messages)', () => {
  it('returns the patch, the explanation and the usage of a good answer', async () => {
    anthropic.reply(() => ({ body: anthropicMessage(GOOD_EQEQEQ_ANSWER, { inputTokens: 1024, outputTokens: 128 }) }));
    const before = anthropic.requests.length;
    const answer = await createAnthropicProvider(settings('anthropic', anthropic.url)).generate(request);
    expect(answer).toMatchObject({ kind: 'patch', model: 'claude-haiku-4-5', usage: { tokensIn: 1024, tokensOut: 128 }, explanation: expect.stringContaining('strict equality') });
    const sent = anthropic.requests[before]!;
    // SDK 1.x sends the key as a bearer token (older ones used x-api-key).
    expect([sent.headers['x-api-key'], sent.headers.authorization]).toContain(sent.headers['x-api-key'] ? 'sk-test-loopback-key' : 'Bearer sk-test-loopback-key');
    expect(sent.headers['anthropic-version']).toBeTruthy();
    expect(sent.body.system).toContain('unified diff');
    expect(sent.body.messages[0].content).toContain("17 |   return user.role == 'admin';");
  });

  it('turns a malformed answer into InvalidPatch', async () => {
    anthropic.reply(() => ({ body: anthropicMessage(MALFORMED_ANSWER) }));
    await expect(createAnthropicProvider(settings('anthropic', anthropic.url)).generate(request)).rejects.toMatchObject({ type: 'InvalidPatch' });
  });

  it('turns a 429 into ProviderRateLimited after the SDK’s one retry', async () => {
    anthropic.reply(() => anthropicRateLimited());
    const before = anthropic.requests.length;
    await expect(createAnthropicProvider(settings('anthropic', anthropic.url)).generate(request)).rejects.toMatchObject({ type: 'ProviderRateLimited' });
    expect(anthropic.requests.length - before).toBe(2);
  });

  it('turns stop_reason "refusal" into ProviderRefused', async () => {
    anthropic.reply(() => ({ body: anthropicMessage('', { stopReason: 'refusal' }) }));
    await expect(createAnthropicProvider(settings('anthropic', anthropic.url)).generate(request)).rejects.toMatchObject({ type: 'ProviderRefused' });
  });

  it('turns a slow answer into ProviderTimeout', async () => {
    anthropic.reply(() => ({ delayMs: 2_000, body: anthropicMessage(GOOD_EQEQEQ_ANSWER) }));
    await expect(createAnthropicProvider(settings('anthropic', anthropic.url, { timeoutMs: 200, maxRetries: 0 })).generate(request)).rejects.toMatchObject({ type: 'ProviderTimeout' });
  });

  it('turns a 5xx into ProviderUnavailable (transient)', async () => {
    anthropic.reply(() => ({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }));
    await expect(createAnthropicProvider(settings('anthropic', anthropic.url, { maxRetries: 0 })).generate(request)).rejects.toMatchObject({ type: 'ProviderUnavailable' });
  });
});

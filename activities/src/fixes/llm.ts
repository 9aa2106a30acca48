import Anthropic from '@anthropic-ai/sdk';
import Groq from 'groq-sdk';
import { parseModelAnswer } from './patch';
import { FixFailure, type FixProvider, type FixRequest, type LlmProviderId, type ProviderAnswer, type ProviderUsage } from './types';

/**
 * The LLM providers, each through its own official SDK. Settings come from the environment with seed 000's defaults
 * (GROQ_MODEL, ANTHROPIC_MODEL; GROQ_BASE_URL / ANTHROPIC_BASE_URL point the SDKs elsewhere, e.g. at a loopback server
 * in tests). A workspace's own key wins over GROQ_API_KEY / ANTHROPIC_API_KEY.
 */

export const LLM_DEFAULTS = {
  groq: { model: 'mixtral-8x7b-32768', keyVar: 'GROQ_API_KEY', modelVar: 'GROQ_MODEL', baseUrlVar: 'GROQ_BASE_URL', label: 'Groq' },
  anthropic: { model: 'claude-3-haiku-20240307', keyVar: 'ANTHROPIC_API_KEY', modelVar: 'ANTHROPIC_MODEL', baseUrlVar: 'ANTHROPIC_BASE_URL', label: 'Anthropic' },
} as const satisfies Record<LlmProviderId, unknown>;

export interface LlmSettings {
  provider: LlmProviderId;
  apiKey: string;
  model: string;
  baseURL?: string;
  /** Per request; the SDK retries once more on timeouts, 408/409/429 and 5xx, honouring retry-after. */
  timeoutMs: number;
  maxRetries: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
/** Small on purpose: Temporal retries transient failures again, with backoff, across workers. */
export const SDK_MAX_RETRIES = 1;

/** The environment's settings for a provider; `apiKey` is undefined when neither the workspace nor the env has one. */
export function llmSettingsFromEnv(provider: LlmProviderId, env: NodeJS.ProcessEnv = process.env): Omit<LlmSettings, 'apiKey' | 'timeoutMs' | 'maxRetries'> & { apiKey?: string } {
  const d = LLM_DEFAULTS[provider];
  return { provider, apiKey: env[d.keyVar] || undefined, model: env[d.modelVar] || d.model, baseURL: env[d.baseUrlVar] || undefined };
}

/** USD per million tokens (input, output), by model id prefix. Unknown models are stored without a cost. */
const PRICES: [prefix: string, input: number, output: number][] = [
  ['mixtral-8x7b', 0.24, 0.24],
  ['llama-3.3-70b', 0.59, 0.79],
  ['llama-3.1-8b', 0.05, 0.08],
  ['claude-3-haiku', 0.25, 1.25],
  ['claude-3-5-haiku', 0.8, 4],
  ['claude-haiku-4-5', 1, 5],
  ['claude-3-5-sonnet', 3, 15],
  ['claude-3-7-sonnet', 3, 15],
  ['claude-sonnet-4', 3, 15],
];

/** Cost in integer micro-dollars: tokens × (USD per million tokens) is exactly micro-USD. */
export function costMicroUsd(model: string, usage: ProviderUsage | undefined): number | null {
  if (!usage) return null;
  const price = PRICES.find(([prefix]) => model.startsWith(prefix));
  return price ? Math.round(usage.tokensIn * price[1] + usage.tokensOut * price[2]) : null;
}

/** Lines around the finding, numbered, so the model can anchor its hunk. */
export function surroundingCode(source: string, startLine: number, endLine: number, radius = 20): { from: number; to: number; text: string } {
  const lines = source.split(/\r\n|\r|\n/);
  const from = Math.max(1, startLine - radius);
  const to = Math.min(lines.length, Math.max(startLine, endLine) + radius);
  const width = String(to).length;
  const text = lines
    .slice(from - 1, to)
    .map((l, i) => `${String(from + i).padStart(width)} | ${l}`)
    .join('\n');
  return { from, to, text };
}

export const SYSTEM_PROMPT = [
  'You fix one static-analysis finding in a code repository with the smallest correct change.',
  'Answer with a unified diff (git format: `--- a/<path>`, `+++ b/<path>`, `@@` hunks with unchanged context lines and no line numbers in the code) in one ```diff fenced block, then one short paragraph explaining the change.',
  'Edit only existing files; do not reformat unrelated code; keep the behaviour the code intends.',
  'If the finding is a false positive or there is no safe fix, answer exactly `NO_FIX: <one-line reason>` and nothing else.',
].join('\n');

export function buildFixPrompt(req: FixRequest): string {
  const { finding, source } = req;
  const context = surroundingCode(source, finding.startLine, finding.endLine);
  const doc = finding.helpUrl ?? ruleDocUrl(finding.ruleId);
  return [
    `Rule: ${finding.ruleId} (reported by ${finding.tool})`,
    `Rule documentation: ${doc ?? 'none (an Argus rule; its message says what it checks)'}`,
    `Finding: ${finding.message}`,
    `Location: ${finding.path}, line ${finding.startLine} column ${finding.startColumn} to line ${finding.endLine} column ${finding.endColumn}`,
    '',
    `${finding.path}, lines ${context.from}-${context.to} (the numbers and "|" are not part of the file):`,
    '```',
    context.text,
    '```',
    '',
    `Return the unified diff for ${finding.path} that removes this finding without introducing new ones.`,
  ].join('\n');
}

/** A documentation link for rule ids whose analyzer did not give one. */
export function ruleDocUrl(ruleId: string): string | null {
  if (ruleId.startsWith('eslint/@typescript-eslint/')) return `https://typescript-eslint.io/rules/${ruleId.slice('eslint/@typescript-eslint/'.length)}`;
  if (ruleId.startsWith('eslint/security/')) return `https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/${ruleId.slice('eslint/security/'.length)}.md`;
  if (ruleId.startsWith('eslint/')) return `https://eslint.org/docs/latest/rules/${ruleId.slice('eslint/'.length)}`;
  return null;
}

/** Maps the SDKs' errors (both are generated by Stainless and share the shape) to fix failures. */
function providerFailure(label: string, err: unknown, timeoutMs: number, sdk: { APIConnectionTimeoutError: new (...a: never[]) => Error; APIConnectionError: new (...a: never[]) => Error; APIError: new (...a: never[]) => Error }): FixFailure {
  if (err instanceof sdk.APIConnectionTimeoutError) return new FixFailure('ProviderTimeout', `${label} did not answer within ${Math.round(timeoutMs / 1000)} s.`, undefined, { cause: err });
  if (err instanceof sdk.APIConnectionError) return new FixFailure('ProviderUnavailable', `${label} could not be reached.`, undefined, { cause: err });
  if (err instanceof sdk.APIError) {
    const status = (err as Error & { status?: number }).status;
    const headers = (err as Error & { headers?: Headers }).headers;
    if (status === 429) {
      const retryAfter = headers?.get?.('retry-after');
      return new FixFailure('ProviderRateLimited', `${label} rate limit reached (HTTP 429)${retryAfter ? `; it asks to retry after ${retryAfter} s` : ''}.`, undefined, { cause: err });
    }
    if (status === undefined || status >= 500) return new FixFailure('ProviderUnavailable', `${label} failed with HTTP ${status ?? 'error'}.`, undefined, { cause: err });
    if (status === 401 || status === 403) return new FixFailure('ProviderRejectedRequest', `${label} refused the API key (HTTP ${status}).`, undefined, { cause: err });
    return new FixFailure('ProviderRejectedRequest', `${label} rejected the request (HTTP ${status}).`, undefined, { cause: err });
  }
  if ((err as Error)?.name === 'AbortError') return new FixFailure('ProviderTimeout', `${label} request was cancelled.`, undefined, { cause: err });
  return new FixFailure('ProviderUnavailable', `${label} call failed unexpectedly.`, undefined, { cause: err });
}

function answerFrom(text: string, model: string, usage: ProviderUsage | undefined): ProviderAnswer {
  try {
    const { patch, explanation } = parseModelAnswer(text);
    return { kind: 'patch', patch, explanation, model, usage };
  } catch (err) {
    // Keep the usage: a malformed answer still cost tokens.
    if (err instanceof FixFailure) throw new FixFailure(err.type, err.message, usage ? { ...usage, model } : undefined);
    throw err;
  }
}

export function createGroqProvider(settings: LlmSettings): FixProvider {
  const client = new Groq({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: settings.maxRetries, timeout: settings.timeoutMs });
  return {
    id: 'groq',
    async generate(req) {
      let completion: Groq.Chat.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: settings.model,
            temperature: 0,
            max_tokens: 2048,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: buildFixPrompt(req) },
            ],
          },
          { signal: req.signal },
        );
      } catch (err) {
        throw providerFailure('Groq', err, settings.timeoutMs, Groq);
      }
      const model = completion.model || settings.model;
      const usage = completion.usage ? { tokensIn: completion.usage.prompt_tokens ?? 0, tokensOut: completion.usage.completion_tokens ?? 0 } : undefined;
      const choice = completion.choices[0];
      // OpenAI-compatible APIs report a refusal in `message.refusal` or as finish_reason "content_filter".
      const refusal = (choice?.message as { refusal?: string | null } | undefined)?.refusal;
      if (refusal || (choice?.finish_reason as string | undefined) === 'content_filter') {
        throw new FixFailure('ProviderRefused', `Groq refused: ${(refusal || 'content filter').slice(0, 300)}`, usage ? { ...usage, model } : undefined);
      }
      return answerFrom(choice?.message?.content ?? '', model, usage);
    },
  };
}

export function createAnthropicProvider(settings: LlmSettings): FixProvider {
  const client = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: settings.maxRetries, timeout: settings.timeoutMs });
  return {
    id: 'anthropic',
    async generate(req) {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create(
          { model: settings.model, max_tokens: 2048, system: SYSTEM_PROMPT, messages: [{ role: 'user', content: buildFixPrompt(req) }] },
          { signal: req.signal },
        );
      } catch (err) {
        throw providerFailure('Anthropic', err, settings.timeoutMs, Anthropic);
      }
      const model = message.model || settings.model;
      const usage = message.usage ? { tokensIn: message.usage.input_tokens ?? 0, tokensOut: message.usage.output_tokens ?? 0 } : undefined;
      const text = message.content
        .filter((b): b is Anthropic.TextBlock => b.type === 'text')
        .map((b) => b.text)
        .join('\n');
      if (message.stop_reason === 'refusal') throw new FixFailure('ProviderRefused', `Anthropic refused to answer${text ? `: ${text.slice(0, 300)}` : '.'}`, usage ? { ...usage, model } : undefined);
      return answerFrom(text, model, usage);
    },
  };
}

export function createLlmProvider(settings: LlmSettings): FixProvider {
  return settings.provider === 'groq' ? createGroqProvider(settings) : createAnthropicProvider(settings);
}

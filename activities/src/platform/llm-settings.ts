import type { LlmProviderId } from '@argus/workflows/contract';

// Current models, not seed 000's: Groq decommissioned mixtral-8x7b-32768 on 20 March 2025 and its Llama 3.x models on
// 16 August 2026 (its deprecations page recommends openai/gpt-oss-120b); Anthropic deprecated claude-3-haiku-20240307
// (its deprecations page). GROQ_MODEL / ANTHROPIC_MODEL choose another.

export const LLM_DEFAULTS = {
  groq: { model: 'openai/gpt-oss-120b', keyVar: 'GROQ_API_KEY', modelVar: 'GROQ_MODEL', baseUrlVar: 'GROQ_BASE_URL', label: 'Groq' },
  anthropic: { model: 'claude-haiku-4-5', keyVar: 'ANTHROPIC_API_KEY', modelVar: 'ANTHROPIC_MODEL', baseUrlVar: 'ANTHROPIC_BASE_URL', label: 'Anthropic' },
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

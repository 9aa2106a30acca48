import { createFixActivities, type FixActivityDeps } from './fix-activities';
import { createFixPullRequestActivities } from './pull-request-activities';

/** Fix-to-PR: generation, validation and pull requests, as one factory for `createActivities`. */
export function createFixToPullRequestActivities(deps: FixActivityDeps) {
  return { ...createFixActivities(deps), ...createFixPullRequestActivities(deps) };
}

export { createFixActivities, compareBeforeAfter, recordFixActivity, type FixActivityDeps, type FixContext, type FixVerdict, type FixValidation, type GeneratedFixSummary } from './fix-activities';
export { createFixPullRequestActivities, type FixPullRequestInput, type FixPullRequestPlan, type PlannedFix, type PushedBranch } from './pull-request-activities';
export { createBuiltinProvider, builtinMayFix, REWRITES } from './builtin';
export { createGroqProvider, createAnthropicProvider, createLlmProvider, buildFixPrompt, surroundingCode, costMicroUsd, llmSettingsFromEnv, LLM_DEFAULTS, SYSTEM_PROMPT, DEFAULT_LLM_TIMEOUT_MS, type LlmSettings } from './llm';
export { parseModelAnswer, normalizePatch, patchPaths } from './patch';
export * from './types';

/** Shared shapes of fix generation: what a provider is given, what it answers, and how it fails. */

export type { FixProviderId, LlmProviderId } from '@argus/workflows/contract';
import type { FixProviderId, LlmProviderId } from '@argus/workflows/contract';

/**
 * Why a fix could not be generated. Business failures are final (non-retryable `ApplicationFailure`s with this type);
 * `ProviderTimeout` and `ProviderUnavailable` are transient and retried by Temporal before they become final.
 */
export type FixFailureType =
  | 'NoFixAvailable'
  | 'InvalidPatch'
  | 'ProviderRefused'
  | 'ProviderRateLimited'
  | 'ProviderTimeout'
  | 'ProviderUnavailable'
  | 'ProviderNotConfigured'
  | 'ProviderRejectedRequest';

export const TRANSIENT_FIX_FAILURES: readonly FixFailureType[] = ['ProviderTimeout', 'ProviderUnavailable'];

export interface ProviderUsage {
  tokensIn: number;
  tokensOut: number;
}

export class FixFailure extends Error {
  override name = 'FixFailure';
  constructor(
    readonly type: FixFailureType,
    message: string,
    readonly usage?: ProviderUsage & { model?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The finding as a provider sees it. */
export interface FixFinding {
  id: string;
  ruleId: string;
  tool: string;
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  helpUrl: string | null;
}

export interface FixRequest {
  finding: FixFinding;
  /** The whole file the finding is in, as checked out at the run's commit. */
  source: string;
  /** Absolute path of the checkout (read-only for providers). */
  root: string;
  signal?: AbortSignal;
}

/** What a provider returns: the new content of the finding's file, or a unified diff (LLMs). */
export type ProviderAnswer =
  | { kind: 'content'; content: string; explanation: string; model: string | null; usage?: undefined }
  | { kind: 'patch'; patch: string; explanation: string; model: string; usage?: ProviderUsage };

export interface FixProvider {
  id: FixProviderId;
  generate(request: FixRequest): Promise<ProviderAnswer>;
}

import { rm, writeFile } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from '@argus/db';
import { findFixWithFinding, findingsOfRunInFiles, findWorkspaceAiKey, markFixFailed, markFixGenerating, saveFixUsage, saveFixVerdict, saveGeneratedFix, type FixRow, type FixWithFinding } from '@argus/db';
import { appendActivity } from '@argus/db';
import { DEFAULT_LIMITS, type AnalysisLimits } from '../analysis';
import { analyzeFiles, createAnalyzers, loadArgusConfig, type Finding } from '../analyzers/index';
import { occurrenceKey } from '../analyzers/fingerprint';
import { readSource, realPathInRoot } from '../analyzers/source';
import { git } from '../git';
import type { OctokitFor } from '../github';
import type { SecretBox } from '../platform/secrets';
import { builtinMayFix, createBuiltinProvider } from './builtin';
import { costMicroUsd, createLlmProvider, DEFAULT_LLM_TIMEOUT_MS, LLM_DEFAULTS, llmSettingsFromEnv, SDK_MAX_RETRIES, type LlmSettings } from './llm';
import { patchPaths } from './patch';
import { applyPatch, checkoutRun, diffOf, freshDir, loadFixSource, remoteFor } from './sandbox';
import { FixFailure, TRANSIENT_FIX_FAILURES, type FixFinding, type FixProvider, type FixProviderId, type LlmProviderId } from './types';

export interface FixActivityDeps {
  knex: Knex;
  secrets: SecretBox;
  octokitFor: OctokitFor | null;
  portalUrl: string;
  limits?: AnalysisLimits;
  allowPrivateRemotes?: boolean;
  localGitRoot?: string;
}

export interface FixContext {
  fixId: string;
  findingId: string;
  runId: string;
  workspaceId: string;
  repositoryId: string;
  provider: FixProviderId;
}

export interface GeneratedFixSummary {
  fixId: string;
  status: 'generated';
  model: string | null;
  files: string[];
  tokensIn: number | null;
  tokensOut: number | null;
  costMicroUsd: number | null;
}

export interface FixVerdict {
  fixId: string;
  status: 'validated' | 'rejected';
  reason: string | null;
}

export interface FixValidation {
  commitSha: string;
  applies: boolean;
  findingGone: boolean;
  newFindings: { ruleId: string; path: string; line: number; message: string }[];
  parseErrors: { ruleId: string; path: string; line: number; message: string }[];
  analyzedFiles: string[];
}

/** Tools whose findings the analyzers reproduce; imported SARIF findings are left out of the before/after comparison. */
const ANALYZER_TOOLS = ['eslint', 'ruff', 'secrets', 'ast-grep', 'taint', 'config-files'];
const PARSE_ERROR_RULES = new Set(['eslint/parse-error', 'ruff/syntax-error']);

/** Appends a system entry to the activity log for the state changes a workflow makes (the API logs the users' own). */
export async function recordFixActivity(db: Knex | Knex.Transaction, entry: { workspaceId: string; action: string; fixId: string; after?: unknown }) {
  await appendActivity(db, { workspaceId: entry.workspaceId, actorKind: 'system', action: entry.action, resourceType: 'fix', resourceId: entry.fixId, after: entry.after });
}

/** Business failures are final; timeouts and unreachable providers are retried by Temporal first. */
function toApplicationFailure(err: FixFailure): ApplicationFailure {
  return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: !TRANSIENT_FIX_FAILURES.includes(err.type), cause: err.cause instanceof Error ? err.cause : undefined });
}

/**
 * Heartbeats for the whole activity (clone, a model answering, the analyzers), so a lost worker is noticed within the
 * heartbeat timeout while a slow but live one is not mistaken for lost. Returns the function that stops it.
 */
export function keepHeartbeating(ctx: Context): () => void {
  const timer = setInterval(() => ctx.heartbeat(), 5_000);
  return () => clearInterval(timer);
}

export function createFixActivities({ knex, secrets, octokitFor, limits = DEFAULT_LIMITS, allowPrivateRemotes = false, localGitRoot }: FixActivityDeps) {
  async function loadFix(fixId: string): Promise<FixWithFinding> {
    const fix = await findFixWithFinding(knex, fixId);
    if (!fix) throw ApplicationFailure.nonRetryable(`Fix ${fixId} does not exist.`, 'UnknownFix');
    return fix;
  }

  function findingOf(fix: FixWithFinding): FixFinding {
    return {
      id: fix.findingId,
      ruleId: fix.ruleId,
      tool: fix.tool,
      path: fix.path,
      startLine: fix.startLine,
      startColumn: fix.startColumn,
      endLine: fix.endLine,
      endColumn: fix.endColumn,
      message: fix.message,
      snippet: fix.snippet,
      helpUrl: fix.helpUrl,
    };
  }

  async function llmSettingsFor(workspaceId: string, provider: LlmProviderId, timeoutMs: number): Promise<LlmSettings> {
    const fromEnv = llmSettingsFromEnv(provider);
    const row = await findWorkspaceAiKey(knex, workspaceId, provider);
    const apiKey = row ? secrets.decrypt(row.keySealed, `workspace:${workspaceId}:${provider}`) : fromEnv.apiKey;
    if (!apiKey) {
      const d = LLM_DEFAULTS[provider];
      throw new FixFailure('ProviderNotConfigured', `No ${d.label} API key is set for this workspace. A workspace admin can add one in the workspace’s settings, under AI providers.`);
    }
    return { ...fromEnv, apiKey, timeoutMs, maxRetries: SDK_MAX_RETRIES };
  }

  async function providerFor(fix: FixWithFinding, timeoutMs: number): Promise<FixProvider> {
    if (fix.provider === 'builtin') return createBuiltinProvider();
    return createLlmProvider(await llmSettingsFor(fix.workspaceId, fix.provider as LlmProviderId, timeoutMs));
  }

  function summary(fix: FixRow): GeneratedFixSummary {
    return { fixId: fix.id, status: 'generated', model: fix.model, files: fix.files ?? [], tokensIn: fix.tokensIn, tokensOut: fix.tokensOut, costMicroUsd: fix.costMicroUsd === null ? null : Number(fix.costMicroUsd) };
  }

  return {
    /** Moves a queued fix to generating and returns what the workflow needs to know of it. */
    async startFixGeneration({ fixId }: { fixId: string }): Promise<FixContext> {
      await markFixGenerating(knex, fixId);
      const fix = await loadFix(fixId);
      return { fixId, findingId: fix.findingId, runId: fix.runId, workspaceId: fix.workspaceId, repositoryId: fix.repositoryId, provider: fix.provider };
    },

    /**
     * Checks the run's commit out, asks the provider for a fix of the one finding and stores it as a unified diff.
     * Idempotent: a retry after the row was written returns what is stored.
     */
    async generateFixPatch({ fixId, timeoutMs = DEFAULT_LLM_TIMEOUT_MS }: { fixId: string; timeoutMs?: number }): Promise<GeneratedFixSummary> {
      const ctx = Context.current();
      const fix = await loadFix(fixId);
      if (fix.status !== 'generating') {
        if (fix.patch) return summary(fix);
        throw ApplicationFailure.nonRetryable(`Fix ${fixId} is ${fix.status}, not generating.`, 'FixNotGenerating');
      }
      const finding = findingOf(fix);
      const dir = await freshDir(limits.sandboxRoot, `fix-${fixId}-generate-${ctx.info.attempt}`);
      const stopHeartbeat = keepHeartbeating(ctx);
      try {
        if (fix.provider === 'builtin' && !builtinMayFix(finding.ruleId)) {
          throw new FixFailure('NoFixAvailable', `Argus has no built-in fix for ${finding.ruleId}. An AI provider (groq, anthropic) may propose one.`);
        }
        const provider = await providerFor(fix, timeoutMs);
        const source = await loadFixSource(knex, fix.runId);
        if (!source.commitSha) throw new FixFailure('NoFixAvailable', 'The run has no commit to fix yet.');
        await checkoutRun(dir, source, await remoteFor(source, { secrets, octokitFor, allowPrivateRemotes, localGitRoot }), limits.cloneTimeoutMs);
        ctx.heartbeat();
        let text: string;
        try {
          text = await readSource(dir, finding.path);
        } catch {
          throw new FixFailure('NoFixAvailable', `${finding.path} does not exist at the run's commit.`);
        }
        const answer = await provider.generate({ finding, source: text, root: dir, signal: ctx.cancellationSignal });
        let patch: string;
        let files: string[];
        if (answer.kind === 'content') {
          await writeFile(await realPathInRoot(dir, finding.path), answer.content);
          patch = await diffOf(dir, [finding.path]);
          files = [finding.path];
          if (!patch.trim()) throw new FixFailure('NoFixAvailable', `The built-in fix for ${finding.ruleId} changed nothing.`);
        } else {
          patch = answer.patch;
          files = patchPaths(patch);
        }
        const tokensIn = answer.usage?.tokensIn ?? null;
        const tokensOut = answer.usage?.tokensOut ?? null;
        const cost = answer.kind === 'patch' ? costMicroUsd(answer.model, answer.usage) : null;
        const row = await saveGeneratedFix(knex, fixId, { patch, explanation: answer.explanation, model: answer.model, files, tokensIn, tokensOut, costMicroUsd: cost });
        return summary(row ?? (await loadFix(fixId)));
      } catch (err) {
        if (!(err instanceof FixFailure)) throw err;
        if (err.usage) {
          await saveFixUsage(knex, fixId, { model: err.usage.model ?? null, tokensIn: err.usage.tokensIn, tokensOut: err.usage.tokensOut, costMicroUsd: err.usage.model ? costMicroUsd(err.usage.model, err.usage) : null });
        }
        throw toApplicationFailure(err);
      } finally {
        stopHeartbeat();
        await rm(dir, { recursive: true, force: true });
      }
    },

    /**
     * On a clean checkout of the run's commit: apply the patch, re-run the analyzers on the touched files. Validated
     * when the finding is gone, no new finding appeared in those files and they still parse; otherwise rejected.
     */
    async validateFix({ fixId }: { fixId: string }): Promise<FixVerdict> {
      const ctx = Context.current();
      const fix = await loadFix(fixId);
      if (fix.status !== 'generated') {
        if (['validated', 'rejected', 'pr_open', 'merged', 'closed'].includes(fix.status)) return { fixId, status: fix.status === 'rejected' ? 'rejected' : 'validated', reason: fix.failureReason };
        throw ApplicationFailure.nonRetryable(`Fix ${fixId} is ${fix.status}; only a generated fix can be validated.`, 'FixNotGenerated');
      }
      const files: string[] = fix.files?.length ? fix.files : patchPaths(fix.patch ?? '');
      const dir = await freshDir(limits.sandboxRoot, `fix-${fixId}-validate-${ctx.info.attempt}`);
      const stopHeartbeat = keepHeartbeating(ctx);
      try {
        const source = await loadFixSource(knex, fix.runId);
        const commitSha = await checkoutRun(dir, source, await remoteFor(source, { secrets, octokitFor, allowPrivateRemotes, localGitRoot }), limits.cloneTimeoutMs);
        ctx.heartbeat();
        const validation: FixValidation = { commitSha, applies: false, findingGone: false, newFindings: [], parseErrors: [], analyzedFiles: files };
        let reason: string | null = null;
        const applied = await applyPatch(dir, fix.patch ?? '', 'fix');
        if (!ANALYZER_TOOLS.includes(fix.tool)) {
          // Findings imported from another tool's SARIF cannot be re-checked here, so nothing proves the fix.
          reason = `The finding was imported from ${fix.tool}; Argus cannot run that tool again to check the fix.`;
          validation.applies = applied.applied;
        } else if (!applied.applied) {
          reason = `The patch does not apply to ${commitSha.slice(0, 12)}: ${applied.reason}`;
        } else {
          validation.applies = true;
          const changed = (await git(dir, ['diff', '--name-only'])).split('\n').filter(Boolean);
          const touched = [...new Set([...files, ...changed])].sort();
          validation.analyzedFiles = touched;
          const { config } = await loadArgusConfig(dir);
          const after = await analyzeFiles({ root: dir, files: touched, config, analyzers: createAnalyzers(), signal: ctx.cancellationSignal });
          ctx.heartbeat();
          const before = await findingsOfRunInFiles(knex, fix.runId, touched, ANALYZER_TOOLS);
          Object.assign(validation, compareBeforeAfter(findingOf(fix), before, after));
          if (validation.parseErrors.length) reason = `The patched file no longer parses: ${describeFindings(validation.parseErrors)}`;
          else if (!validation.findingGone) reason = `The analyzers still report ${fix.ruleId} at ${fix.path} after the patch.`;
          else if (validation.newFindings.length) reason = `The patch introduces ${validation.newFindings.length} new finding(s): ${describeFindings(validation.newFindings)}`;
        }
        const status = reason ? 'rejected' : 'validated';
        await knex.transaction(async (trx) => {
          const changed = await saveFixVerdict(trx, fixId, { status, reason, validation });
          if (changed) await recordFixActivity(trx, { workspaceId: fix.workspaceId, action: `fix.${status}`, fixId, after: { ruleId: fix.ruleId, path: fix.path, provider: fix.provider, reason } });
        });
        return { fixId, status, reason };
      } finally {
        stopHeartbeat();
        await rm(dir, { recursive: true, force: true });
      }
    },

    /** Records why a fix could not be generated (or validated). Never overwrites a fix that got further. */
    async failFix({ fixId, type, reason }: { fixId: string; type: string; reason: string }): Promise<void> {
      await knex.transaction(async (trx) => {
        const row = await markFixFailed(trx, fixId, { type, reason });
        if (row) await recordFixActivity(trx, { workspaceId: row.workspaceId, action: 'fix.failed', fixId, after: { type, reason: reason.slice(0, 500), provider: row.provider } });
      });
    },
  };
}

function describeFindings(items: { ruleId: string; path: string; line: number }[]): string {
  const shown = items.slice(0, 5).map((f) => `${f.ruleId} at ${f.path}:${f.line}`);
  return shown.join(', ') + (items.length > 5 ? ` and ${items.length - 5} more` : '');
}

/**
 * Before (the run's stored findings of the touched files) against after (the analyzers on the patched files).
 * Fingerprints are not enough on their own: editing a line changes the snippet, hence the fingerprint, of every
 * other finding on it. So: the finding is gone when both its occurrence count (rule, file, snippet) and its rule's
 * count in the file went down; a finding is new when its rule's count in its file went up.
 */
export function compareBeforeAfter(target: Pick<FixFinding, 'ruleId' | 'path' | 'snippet'>, before: { ruleId: string; path: string; snippet: string }[], after: Finding[]): Pick<FixValidation, 'findingGone' | 'newFindings' | 'parseErrors'> {
  const count = <T>(items: T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return m;
  };
  const rulePath = (f: { ruleId: string; path: string }) => `${f.ruleId}\u0000${f.path}`;
  const beforeOcc = count(before, occurrenceKey);
  const afterOcc = count(after, occurrenceKey);
  const beforeRule = count(before, rulePath);
  const afterRule = count(after, rulePath);
  const key = occurrenceKey(target);
  const findingGone = (afterOcc.get(key) ?? 0) < (beforeOcc.get(key) ?? 1) && (afterRule.get(rulePath(target)) ?? 0) < (beforeRule.get(rulePath(target)) ?? 1);
  const grown = new Set([...afterRule.keys()].filter((k) => (afterRule.get(k) ?? 0) > (beforeRule.get(k) ?? 0)));
  const beforeFingerprints = new Set((before as { fingerprint?: string }[]).map((f) => f.fingerprint));
  const inGrown = after.filter((f) => grown.has(rulePath(f)) && !PARSE_ERROR_RULES.has(f.ruleId));
  const unseen = inGrown.filter((f) => !beforeFingerprints.has(f.fingerprint));
  const newFindings = (unseen.length ? unseen : inGrown).map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.startLine, message: f.message }));
  const parseErrors = after.filter((f) => PARSE_ERROR_RULES.has(f.ruleId)).map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.startLine, message: f.message }));
  return { findingGone, newFindings, parseErrors };
}

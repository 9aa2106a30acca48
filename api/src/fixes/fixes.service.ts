import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { createSecretBox, LLM_DEFAULTS, llmSettingsFromEnv } from '@argus/activities';
import { workflowIds, type FixProviderId, type LlmProviderId } from '@argus/workflows/contract';
import {
  findFixById,
  findOrCreateFix,
  findWorkspaceAiKey,
  markFixApplied,
  upsertWorkspaceAiKey,
  validatedFixIdsOfRule,
  workspaceAiKeysOf,
  type FindingRow,
  type FixRow,
  type FixWithFinding,
  type RunRow,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import { workflowClient } from '../temporal/workflow-client';
import { assertQuota } from '../billing/quotas';
import type { AuthContext } from '../auth/auth-context';
import { requireWorkspace } from '../access/workspace-access';
import type { WorkspacePermission } from '../access/permissions';
import { isUuid } from '../access/workspace-access';
import { recordActivity } from '../audit/activity-log';
import { ConflictError, NotFoundError } from '../http/errors';

function fixBranch(fixId: string): string {
  return `argus/fix-${fixId}`;
}
/** A git-safe branch for a batch: no `..`, no `@{`, no trailing `.lock`, no spaces. */
function batchBranch(runId: string, ruleId: string): string {
  const slug = ruleId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'rule';
  return `argus/fix-batch-${runId.slice(0, 8)}-${slug}`;
}

export function publicFix(deps: AppDeps, f: FixRow & Partial<Pick<FixWithFinding, 'ruleId' | 'path' | 'startLine' | 'severity'>>) {
  return {
    id: f.id,
    findingId: f.findingId,
    runId: f.runId,
    workspaceId: f.workspaceId,
    repositoryId: f.repositoryId,
    provider: f.provider,
    model: f.model ?? null,
    status: f.status,
    patch: f.patch ?? null,
    explanation: f.explanation ?? null,
    files: f.files ?? [],
    usage: { tokensIn: f.tokensIn ?? null, tokensOut: f.tokensOut ?? null, costMicroUsd: f.costMicroUsd === null || f.costMicroUsd === undefined ? null : Number(f.costMicroUsd) },
    failureType: f.failureType ?? null,
    failureReason: f.failureReason ?? null,
    validation: f.validation ?? null,
    pullRequest: f.prBranch ? { branch: f.prBranch, url: f.prUrl ?? null, number: f.prNumber ?? null } : null,
    applied: f.appliedAt ? { at: f.appliedAt, by: f.appliedBy ?? null } : null,
    workflowId: f.workflowId,
    finding: f.ruleId ? { ruleId: f.ruleId, path: f.path, startLine: f.startLine, severity: f.severity } : undefined,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    generatedAt: f.generatedAt ?? null,
    validatedAt: f.validatedAt ?? null,
    prOpenedAt: f.prOpenedAt ?? null,
    closedAt: f.closedAt ?? null,
  };
}

/** Loads a fix and checks the caller's role in its workspace; another tenant's fix is reported like a missing one. */
export async function requireFix(deps: AppDeps, auth: AuthContext, fixId: string, permission: WorkspacePermission) {
  const missing = () => new NotFoundError('No fix with that id exists in your workspaces.');
  if (!isUuid(fixId)) throw missing();
  const fix = await findFixById(deps.knex, fixId);
  if (!fix) throw missing();
  await requireWorkspace(deps, auth, fix.workspaceId, permission, 'fix');
  return fix;
}

/** Where a provider's key comes from: the workspace's own sealed key first, then the operator's environment. */
async function providerKeySource(deps: AppDeps, workspaceId: string, provider: LlmProviderId): Promise<'workspace' | 'environment' | null> {
  if (await findWorkspaceAiKey(deps.knex, workspaceId, provider)) return 'workspace';
  const envKey = provider === 'groq' ? deps.config.GROQ_API_KEY : deps.config.ANTHROPIC_API_KEY;
  return envKey || llmSettingsFromEnv(provider).apiKey ? 'environment' : null;
}

/**
 * Starts `generateFix` for a finding and provider, once: a second request (a double click, or two tabs) gets the fix
 * that is already queued, running or done. Failed, rejected and closed fixes may be asked for again.
 */
export async function requestFix(deps: AppDeps, req: Request, finding: FindingRow, provider: FixProviderId, userId: string): Promise<{ fix: FixRow; created: boolean }> {
  if (provider !== 'builtin' && !(await providerKeySource(deps, finding.workspaceId, provider))) {
    const d = LLM_DEFAULTS[provider];
    throw new ConflictError(`No ${d.label} API key is set for this workspace. A workspace admin can add one in the workspace’s settings, under AI providers.`);
  }
  await assertQuota(deps, finding.workspaceId, 'fix');
  const id = randomUUID();
  const { fix, created } = await findOrCreateFix(deps.knex, { id, workflowId: workflowIds.fixGeneration(id), findingId: finding.id, runId: finding.runId, workspaceId: finding.workspaceId, repositoryId: finding.repositoryId, provider, requestedBy: userId });
  if (fix.status === 'queued') {
    // Also reached by the loser of a race, or after a crash between the insert and the start: USE_EXISTING makes
    // starting idempotent while the workflow runs.
    await workflowClient.startFixGeneration(deps, fix.workflowId, { fixId: fix.id }, { workspaceId: finding.workspaceId, findingId: finding.id, fixId: fix.id });
  }
  if (created) {
    await recordActivity(deps.knex, req, { workspaceId: finding.workspaceId, action: 'fix.requested', resourceType: 'fix', resourceId: fix.id, after: { findingId: finding.id, ruleId: finding.ruleId, path: finding.path, provider } });
  }
  return { fix, created };
}

/** "Mark as applied": someone applied the patch themselves. Idempotent; only fixes that have a patch. */
export async function markApplied(deps: AppDeps, req: Request, fix: FixRow, userId: string) {
  if (!fix.patch) throw new ConflictError(`This fix is ${fix.status} and has no patch to apply.`);
  if (fix.appliedAt) return fix;
  return deps.knex.transaction(async (trx) => {
    const row = await markFixApplied(trx, fix.id, userId);
    if (!row) return findFixById(trx, fix.id);
    await recordActivity(trx, req, { workspaceId: fix.workspaceId, action: 'fix.applied', resourceType: 'fix', resourceId: fix.id, before: { applied: false }, after: { applied: true, status: fix.status } });
    return row;
  });
}

/** Starts `fixToPullRequest` for one validated fix. A fix whose PR is already open is returned as it is. */
export async function requestPullRequest(deps: AppDeps, req: Request, fix: FixRow) {
  if (['pr_open', 'merged'].includes(fix.status)) return { started: false, workflowId: fix.prWorkflowId ?? workflowIds.fixPullRequest(fix.id), branch: fix.prBranch! };
  if (fix.status !== 'validated') {
    throw new ConflictError(`Only a validated fix can become a pull request; this one is ${fix.status}${fix.failureReason ? `: ${fix.failureReason}` : '.'}`);
  }
  const workflowId = workflowIds.fixPullRequest(fix.id);
  const branch = fixBranch(fix.id);
  await workflowClient.startFixPullRequest(deps, workflowId, { fixIds: [fix.id], branch }, { workspaceId: fix.workspaceId, fixId: fix.id });
  await recordActivity(deps.knex, req, { workspaceId: fix.workspaceId, action: 'fix.pr_requested', resourceType: 'fix', resourceId: fix.id, after: { branch, workflowId } });
  return { started: true, workflowId, branch };
}

/** "Fix all validated findings of rule X in this run": one branch and one PR with all their patches. */
export async function requestBatchPullRequest(deps: AppDeps, req: Request, run: RunRow, ruleId: string) {
  // The newest validated fix of each finding of the rule (a finding may have fixes from several providers).
  const fixIds = await validatedFixIdsOfRule(deps.knex, run.id, ruleId);
  if (fixIds.length === 0) throw new ConflictError(`This run has no validated fix of ${ruleId} that is not already in a pull request.`);
  const workflowId = workflowIds.fixBatchPullRequest(run.id, ruleId);
  const branch = batchBranch(run.id, ruleId);
  await workflowClient.startFixPullRequest(deps, workflowId, { fixIds, branch, ruleId }, { workspaceId: run.workspaceId, runId: run.id, ruleId });
  await recordActivity(deps.knex, req, { workspaceId: run.workspaceId, action: 'fix.batch_pr_requested', resourceType: 'run', resourceId: run.id, after: { ruleId, branch, workflowId, fixIds } });
  return { workflowId, branch, fixIds };
}

export async function setWorkspaceAiKey(deps: AppDeps, req: Request, workspaceId: string, provider: LlmProviderId, apiKey: string, userId: string) {
  const secrets = createSecretBox(deps.config.encryptionKeys, deps.config.activeEncryptionKeyId);
  const keySealed = secrets.encrypt(apiKey, `workspace:${workspaceId}:${provider}`);
  return deps.knex.transaction(async (trx) => {
    const row = await upsertWorkspaceAiKey(trx, { workspaceId, provider, keySealed, updatedBy: userId });
    // The key itself is never logged, not even redacted.
    await recordActivity(trx, req, { workspaceId, action: row.replaced ? 'workspace.ai_key_replaced' : 'workspace.ai_key_set', resourceType: 'workspace', resourceId: workspaceId, after: { provider } });
    return { provider: row.provider, configured: true, source: 'workspace' as const, updatedAt: row.updatedAt };
  });
}

export async function listWorkspaceAiKeys(deps: AppDeps, workspaceId: string) {
  const rows = await workspaceAiKeysOf(deps.knex, workspaceId);
  return {
    providers: await Promise.all(
      (['groq', 'anthropic'] as const).map(async (provider) => {
        const row = rows.find((r) => r.provider === provider);
        return { provider, configured: Boolean(await providerKeySource(deps, workspaceId, provider)), source: await providerKeySource(deps, workspaceId, provider), model: llmSettingsFromEnv(provider).model, updatedAt: row?.updatedAt ?? null };
      }),
    ),
  };
}

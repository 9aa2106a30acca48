import type { Fix, FixProvider, FixStatus } from '../api/types';
import { Badge } from '../ui/Badge';
import type { Tone } from '../ui/Badge';
import { isInFlight } from './fixes.api';

const statusLabels: Record<FixStatus, string> = {
  queued: 'Queued',
  generating: 'Generating',
  generated: 'Validating',
  validated: 'Validated',
  rejected: 'Rejected',
  failed: 'Failed',
  pr_open: 'PR open',
  merged: 'Merged',
  closed: 'PR closed',
};

const statusTones: Record<FixStatus, Tone> = {
  queued: 'gray',
  generating: 'blue',
  generated: 'blue',
  validated: 'green',
  rejected: 'amber',
  failed: 'red',
  pr_open: 'indigo',
  merged: 'green',
  closed: 'gray',
};

const statusHints: Record<FixStatus, string> = {
  queued: 'Waiting for a worker',
  generating: 'The provider is writing a patch',
  generated: 'A patch was generated and is being validated on a clean checkout',
  validated: 'The patch applies, removes the finding and adds no new one',
  rejected: 'The patch did not pass validation',
  failed: 'No patch could be generated',
  pr_open: 'A pull request with this fix is open',
  merged: 'The pull request was merged',
  closed: 'The pull request was closed without merging',
};

export const formatFixStatus = (status: FixStatus) => statusLabels[status] ?? status;

/** A fix whose branch went to a plain git remote: there is no pull request, however `pr_open` reads. */
const isBranchOnly = (fix: Pick<Fix, 'status' | 'pullRequest'>) => fix.status === 'pr_open' && fix.pullRequest !== null && !fix.pullRequest.url;

/** Pass the fix's `pullRequest` where known: a branch pushed to a plain git remote is not an open pull request. */
export function FixStatusBadge({ status, pullRequest }: { status: FixStatus; pullRequest?: Fix['pullRequest'] }) {
  const branchOnly = pullRequest !== undefined && isBranchOnly({ status, pullRequest });
  return (
    <Badge
      tone={statusTones[status] ?? 'gray'}
      title={branchOnly ? 'A branch with this fix was pushed; this remote has no pull requests, so open one from the branch on your git host' : statusHints[status]}
      data-testid="fix-status"
    >
      {isInFlight(status) && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-current motion-reduce:animate-none" aria-hidden="true" />}
      {status === 'validated' && <span aria-hidden="true">✓</span>}
      {branchOnly ? 'Branch pushed' : formatFixStatus(status)}
    </Badge>
  );
}

const providerLabels: Record<FixProvider, string> = { builtin: 'Built-in', groq: 'Groq', anthropic: 'Claude' };
export const formatProvider = (provider: FixProvider) => providerLabels[provider] ?? provider;

/** "Claude · claude-haiku-4-5" or "Built-in". */
export function describeProvider(fix: Pick<Fix, 'provider' | 'model'>): string {
  return fix.model ? `${formatProvider(fix.provider)} · ${fix.model}` : formatProvider(fix.provider);
}

/** "1,234 in / 567 out · $0.0012", or null when the provider reported nothing (the built-in one never does). */
export function describeUsage(usage: Fix['usage']): string | null {
  const parts: string[] = [];
  if (usage.tokensIn !== null || usage.tokensOut !== null) {
    parts.push(`${(usage.tokensIn ?? 0).toLocaleString()} tokens in / ${(usage.tokensOut ?? 0).toLocaleString()} out`);
  }
  if (usage.costMicroUsd !== null) parts.push(formatMicroUsd(usage.costMicroUsd));
  return parts.length ? parts.join(' · ') : null;
}

function formatMicroUsd(micro: number): string {
  const usd = micro / 1_000_000;
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

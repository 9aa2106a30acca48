import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AiKeyStatus, Finding, Fix, FixProvider } from '../api/types';
import { Button, Spinner } from '../ui/Button';
import { CopyButton } from '../ui/CopyButton';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ExternalLink } from '../ui/ExternalLink';
import { formatDateTime, formatRelative, shortSha } from '../ui/format';
import { RelativeTime } from '../ui/RelativeTime';
import { useNow } from '../ui/useNow';
import { DiffView } from './DiffView';
import { describeProvider, describeUsage, FixStatusBadge, formatProvider } from './FixBadges';
import {
  fixKeys,
  isInFlight,
  PR_POLL_LIMIT_MS,
  useAiKeys,
  useCreatePullRequest,
  useFixHistory,
  useGenerateFix,
  useLatestFix,
  useMarkApplied,
} from './fixes.api';

interface FixPanelProps {
  finding: Finding;
  workspaceId: string;
  /** Admins and developers (`fixes:generate`); viewers only read. */
  canGenerate: boolean;
}

/** A pull request asked for in this view, watched until its fix turns pr_open. */
interface PrWatch {
  fixId: string;
  branch: string;
  workflowId: string;
  since: number;
}

/** The "Fix" section of an expanded finding: generate, follow, review, and ship a fix as a pull request. */
export function FixPanel({ finding, workspaceId, canGenerate }: FixPanelProps) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const [prWatch, setPrWatch] = useState<PrWatch | null>(null);
  const latest = useLatestFix(finding.id, (fix) => {
    if (!fix) return false;
    if (isInFlight(fix.status)) return true;
    return prWatch !== null && prWatch.fixId === fix.id && fix.status === 'validated' && Date.now() - prWatch.since < PR_POLL_LIMIT_MS;
  });
  const fix = latest.data ?? null;
  const history = useFixHistory(finding.id);

  // When the latest fix moves on (or a new one replaces it), the run's Fixes card is stale. (Its history is the same
  // query as the latest fix, so it is current already.)
  const seen = useRef<string | null>(null);
  const key = fix ? `${fix.id}:${fix.status}` : null;
  useEffect(() => {
    if (seen.current !== null && key !== seen.current && fix) {
      void queryClient.invalidateQueries({ queryKey: fixKeys.run(fix.runId) });
    }
    seen.current = key;
  }, [key, fix, queryClient]);

  const earlier = (history.data?.fixes ?? []).filter((f) => f.id !== fix?.id);

  return (
    <section aria-labelledby={headingId} className="rounded-md border border-gray-200 bg-white p-4" data-testid="fix-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-xs font-semibold uppercase tracking-wide text-gray-500">
          Fix
        </h3>
        {fix && <FixStatusBadge status={fix.status} pullRequest={fix.pullRequest} />}
      </div>

      <div className="mt-3 space-y-4">
        {latest.isPending ? (
          <p role="status" className="flex items-center gap-2 text-sm text-gray-500">
            <Spinner className="h-4 w-4 text-indigo-600" /> Loading fix…
          </p>
        ) : latest.isError ? (
          <div className="space-y-2">
            <ErrorAlert error={latest.error} title="Could not load the fix of this finding" />
            <Button variant="secondary" size="sm" onClick={() => void latest.refetch()}>
              Try again
            </Button>
          </div>
        ) : fix ? (
          <FixBody fix={fix} canGenerate={canGenerate} prWatch={prWatch?.fixId === fix.id ? prWatch : null} onPullRequest={setPrWatch} />
        ) : (
          <p className="text-sm text-gray-600" data-testid="fix-none">
            No fix has been generated for this finding yet.
            {!canGenerate && ' Viewers can see fixes but not generate them.'}
          </p>
        )}

        {canGenerate && !latest.isPending && !latest.isError && <GenerateFix finding={finding} workspaceId={workspaceId} latest={fix} />}

        {history.isError ? (
          <ErrorAlert error={history.error} title="Could not load earlier fixes of this finding" />
        ) : (
          earlier.length > 0 && (
            <details className="group rounded-md border border-gray-200" data-testid="fix-history">
              <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-50">
                Earlier fixes ({earlier.length})
              </summary>
              <ul className="divide-y divide-gray-100 border-t border-gray-200">
                {earlier.map((f) => (
                  <li key={f.id}>
                    <details>
                      <summary className="flex cursor-pointer select-none flex-wrap items-center gap-2 px-3 py-2 text-xs text-gray-700 hover:bg-gray-50">
                        <FixStatusBadge status={f.status} pullRequest={f.pullRequest} />
                        <span>{describeProvider(f)}</span>
                        <RelativeTime iso={f.createdAt} className="text-gray-500" />
                        {f.failureReason && <span className="min-w-0 max-w-full truncate text-gray-500">— {f.failureReason}</span>}
                      </summary>
                      <div className="px-3 pb-4 pt-1">
                        <FixBody fix={f} canGenerate={false} prWatch={null} />
                      </div>
                    </details>
                  </li>
                ))}
              </ul>
            </details>
          )
        )}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Generating

const PROVIDER_CHOICES: { value: FixProvider; title: string; description: string }[] = [
  { value: 'builtin', title: 'Built-in', description: 'Rule-based fixes for the rules Argus knows. No code leaves your machine.' },
  { value: 'groq', title: 'Groq', description: 'An LLM on Groq writes the patch; the finding’s file is sent to Groq.' },
  { value: 'anthropic', title: 'Claude', description: 'Anthropic’s Claude writes the patch; the finding’s file is sent to Anthropic.' },
];

function GenerateFix({ finding, workspaceId, latest }: { finding: Finding; workspaceId: string; latest: Fix | null }) {
  const generate = useGenerateFix(finding.id);
  const aiKeys = useAiKeys(workspaceId);
  const name = useId();
  const busy = latest !== null && isInFlight(latest.status);
  const keyOf = (p: FixProvider): AiKeyStatus | undefined => aiKeys.data?.providers.find((k) => k.provider === p);
  // A provider without a key would only be refused: it cannot be picked. Until the keys are known, only the built-in one.
  const usable = (p: FixProvider) => p === 'builtin' || Boolean(keyOf(p)?.configured);
  // The built-in provider when it fixes this rule, else the first AI provider with a key.
  const preferred: FixProvider = finding.builtinFix ? 'builtin' : (PROVIDER_CHOICES.find((c) => c.value !== 'builtin' && usable(c.value))?.value ?? 'builtin');
  const [picked, setProvider] = useState<FixProvider | null>(null);
  const provider: FixProvider = picked && usable(picked) ? picked : preferred;
  // Unfolded when nothing usable is on screen: the last fix failed, was rejected, or its pull request was closed.
  const openByDefault = latest === null || latest.status === 'failed' || latest.status === 'rejected' || latest.status === 'closed';

  const form = (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{latest ? 'Provider' : 'Generate a fix with'}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {PROVIDER_CHOICES.map((choice) => {
            const key = choice.value === 'builtin' ? undefined : keyOf(choice.value);
            const checked = provider === choice.value;
            const disabled = !usable(choice.value);
            return (
              <label
                key={choice.value}
                className={`flex gap-2 rounded-md bg-white p-2.5 text-xs ring-1 ring-inset ${disabled ? 'cursor-not-allowed opacity-60 ring-gray-200' : checked ? 'cursor-pointer ring-2 ring-indigo-600' : 'cursor-pointer ring-gray-300 hover:ring-gray-400'}`}
              >
                <input
                  type="radio"
                  name={name}
                  value={choice.value}
                  checked={checked}
                  disabled={disabled}
                  onChange={() => {
                    setProvider(choice.value);
                    generate.reset();
                  }}
                  className="mt-0.5 h-3.5 w-3.5 border-gray-300 text-indigo-600 focus:ring-indigo-600"
                  data-testid={`fix-provider-${choice.value}`}
                />
                <span className="min-w-0">
                  <span className="block font-semibold text-gray-900">
                    {choice.title}
                  </span>
                  <span className="mt-0.5 block text-gray-600">{choice.description}</span>
                  {choice.value === 'builtin' && (
                    <span className={`mt-1 block ${finding.builtinFix ? 'font-medium text-green-700' : 'text-gray-500'}`} data-testid="fix-builtin-availability">
                      {finding.builtinFix ? 'Has a fix for this rule.' : 'Has no fix for this rule; an AI provider may write one.'}
                    </span>
                  )}
                  {choice.value !== 'builtin' && (
                    <span className="mt-1 block text-gray-500">
                      {aiKeys.isPending
                        ? 'Checking for an API key…'
                        : aiKeys.isError
                          ? 'Could not check for an API key.'
                          : key?.configured
                            ? `API key configured${key.model ? ` · ${key.model}` : ''}`
                            : 'Not available: no API key yet. A workspace admin can add one in the workspace’s settings, under AI providers.'}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" loading={generate.isPending} disabled={busy} onClick={() => generate.mutate(provider)} data-testid="fix-generate-button">
          {latest ? 'Generate fix again' : 'Generate fix'}
        </Button>
        {busy && <span className="text-xs text-gray-500">Wait for the current fix to finish first.</span>}
      </div>
      <ErrorAlert error={generate.error} title="No fix was started" />
    </div>
  );

  // Without a fix the choice is the point of the section; with one it folds away under a summary.
  if (!latest) {
    return (
      <div className="rounded-md bg-gray-50 p-3" data-testid="fix-generate">
        {form}
      </div>
    );
  }
  return (
    <details className="rounded-md bg-gray-50" open={openByDefault || undefined} data-testid="fix-generate">
      <summary className="cursor-pointer select-none rounded-md px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-100">
        Generate another fix{busy ? ' (after this one finishes)' : ''}
      </summary>
      <div className="px-3 pb-3 pt-1">{form}</div>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// One fix

function FixBody({ fix, canGenerate, prWatch, onPullRequest }: { fix: Fix; canGenerate: boolean; prWatch: PrWatch | null; onPullRequest?: (watch: PrWatch) => void }) {
  const usage = describeUsage(fix.usage);
  return (
    <div className="space-y-4" data-testid="fix-body" data-status={fix.status}>
      {isInFlight(fix.status) && <FixProgress fix={fix} />}
      <Verdict fix={fix} />
      <PullRequestSection fix={fix} canGenerate={canGenerate} prWatch={prWatch} onPullRequest={onPullRequest} />

      {fix.patch && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h4 className="text-sm font-semibold text-gray-900">Patch</h4>
            <div className="flex flex-wrap items-center gap-2">
              <CopyButton value={fix.patch} label="Copy patch" />
              {canGenerate && <MarkApplied fix={fix} />}
            </div>
          </div>
          {fix.applied && (
            <p className="text-xs text-gray-600" data-testid="fix-applied">
              Marked as applied by hand on {formatDateTime(fix.applied.at)}.
            </p>
          )}
          <DiffView patch={fix.patch} />
        </div>
      )}

      {fix.explanation && (
        <div>
          <h4 className="text-sm font-semibold text-gray-900">Explanation</h4>
          <p className="mt-1 whitespace-pre-wrap text-sm text-gray-700" data-testid="fix-explanation">
            {fix.explanation}
          </p>
        </div>
      )}

      <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-xs" data-testid="fix-meta">
        <dt className="text-gray-500">Provider</dt>
        <dd className="text-gray-800">{describeProvider(fix)}</dd>
        <dt className="text-gray-500">Usage</dt>
        <dd className="text-gray-800">{usage ?? (fix.provider === 'builtin' ? 'None: the built-in provider runs locally' : '—')}</dd>
        <dt className="text-gray-500">Requested</dt>
        <dd className="text-gray-800">{formatDateTime(fix.createdAt)}</dd>
        {fix.generatedAt && (
          <>
            <dt className="text-gray-500">Generated</dt>
            <dd className="text-gray-800">{formatDateTime(fix.generatedAt)}</dd>
          </>
        )}
        {fix.validatedAt && (
          <>
            <dt className="text-gray-500">Validated</dt>
            <dd className="text-gray-800">{formatDateTime(fix.validatedAt)}</dd>
          </>
        )}
        <dt className="text-gray-500">Workflow</dt>
        <dd className="min-w-0">
          <code className="break-all font-mono text-gray-500">{fix.workflowId}</code>
        </dd>
      </dl>
    </div>
  );
}

const STEPS = [
  { status: 'queued', label: 'Queued' },
  { status: 'generating', label: 'Generating' },
  { status: 'generated', label: 'Validating' },
] as const;

function FixProgress({ fix }: { fix: Fix }) {
  const now = useNow(true, 1000);
  const current = STEPS.findIndex((s) => s.status === fix.status);
  return (
    <div role="status" aria-live="polite" className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="fix-progress">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {STEPS.map((step, index) => (
          <li key={step.status} className="flex items-center gap-2">
            {index > 0 && <span aria-hidden="true" className="text-blue-300">→</span>}
            <span className={index === current ? 'flex items-center gap-1.5 font-semibold' : index < current ? 'text-blue-700' : 'text-blue-400'} aria-current={index === current ? 'step' : undefined}>
              {index === current && <Spinner className="h-3.5 w-3.5" />}
              {index < current && <span aria-hidden="true">✓</span>}
              {step.label}
            </span>
          </li>
        ))}
      </ol>
      <p className="mt-1 text-xs text-blue-800">
        {fix.status === 'queued'
          ? 'Waiting for a worker to pick the fix up.'
          : fix.status === 'generating'
            ? `${formatProvider(fix.provider)} is writing a patch.`
            : 'Applying the patch to a clean checkout and re-running the analyzers.'}{' '}
        Started {formatRelative(fix.createdAt, now)}.
      </p>
    </div>
  );
}

function Verdict({ fix }: { fix: Fix }) {
  const v = fix.validation;
  if (fix.status === 'failed') {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm" data-testid="fix-verdict" data-verdict="failed">
        <p className="font-semibold text-red-800">
          <span aria-hidden="true">✕ </span>No fix{fix.failureType ? `: ${formatFailureType(fix.failureType)}` : ''}
        </p>
        <p className="mt-0.5 whitespace-pre-wrap text-red-700">{fix.failureReason ?? 'The fix could not be generated.'}</p>
      </div>
    );
  }
  if (fix.status === 'rejected') {
    return (
      <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="fix-verdict" data-verdict="rejected">
        <p className="font-semibold text-amber-900">
          <span aria-hidden="true">✕ </span>Rejected by validation
        </p>
        <p className="mt-0.5 whitespace-pre-wrap text-amber-800">{fix.failureReason ?? 'The patch did not pass validation.'}</p>
        {v && <ValidationChecks fix={fix} />}
        <p className="mt-1 text-xs text-amber-800">A rejected fix cannot become a pull request. You can still read and copy its patch.</p>
      </div>
    );
  }
  if (v && ['validated', 'pr_open', 'merged', 'closed'].includes(fix.status)) {
    return (
      <div className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm" data-testid="fix-verdict" data-verdict="validated">
        <p className="font-semibold text-green-800">
          <span aria-hidden="true">✓ </span>Validated
        </p>
        <p className="mt-0.5 text-green-800">
          On a clean checkout of <code className="font-mono">{shortSha(v.commitSha)}</code> the patch applies, the analyzers no longer report{' '}
          <code className="font-mono">{fix.finding?.ruleId ?? 'the finding'}</code>, no new finding appeared and the touched files still parse.
        </p>
        {v.analyzedFiles.length > 0 && (
          <p className="mt-1 text-xs text-green-700">
            Re-analysed: <code className="break-all font-mono">{v.analyzedFiles.join(', ')}</code>
          </p>
        )}
      </div>
    );
  }
  return null;
}

function ValidationChecks({ fix }: { fix: Fix }) {
  const v = fix.validation!;
  const checks: { ok: boolean; label: ReactNode; items?: typeof v.newFindings }[] = [
    { ok: v.applies, label: 'The patch applies cleanly' },
    { ok: v.applies && v.findingGone, label: 'The finding is gone' },
    { ok: v.applies && v.newFindings.length === 0, label: 'No new finding in the touched files', items: v.newFindings },
    { ok: v.applies && v.parseErrors.length === 0, label: 'The touched files still parse', items: v.parseErrors },
  ];
  return (
    <ul className="mt-2 space-y-1 text-xs" aria-label="Validation checks">
      {checks.map((c, index) => (
        <li key={index}>
          <span className={c.ok ? 'text-green-700' : 'text-red-700'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✕'}</span> <span className="sr-only">{c.ok ? 'Passed:' : 'Failed:'}</span> {c.label}
          </span>
          {c.items && c.items.length > 0 && (
            <ul className="ml-5 mt-0.5 list-disc text-gray-700">
              {c.items.slice(0, 10).map((f, i) => (
                <li key={i}>
                  <code className="font-mono">{f.ruleId}</code> at{' '}
                  <code className="font-mono">
                    {f.path}:{f.line}
                  </code>
                  : {f.message}
                </li>
              ))}
              {c.items.length > 10 && <li>and {c.items.length - 10} more</li>}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

const failureLabels: Record<string, string> = {
  NoFixAvailable: 'no fix available',
  InvalidPatch: 'invalid patch',
  ProviderRefused: 'the provider declined',
  ProviderRateLimited: 'rate limited by the provider',
  ProviderTimeout: 'the provider timed out',
  ProviderUnavailable: 'the provider is unavailable',
  ProviderNotConfigured: 'no API key configured',
  ProviderRejectedRequest: 'the provider rejected the request',
  ValidationFailed: 'validation failed',
};

function formatFailureType(type: string): string {
  return failureLabels[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function MarkApplied({ fix }: { fix: Fix }) {
  const apply = useMarkApplied();
  if (fix.applied) return null;
  return (
    <>
      <Button variant="ghost" size="sm" loading={apply.isPending} onClick={() => apply.mutate(fix.id)} title="Record that you applied this patch yourself">
        Mark as applied
      </Button>
      {apply.error ? <ErrorAlert error={apply.error} title="Not marked as applied" className="w-full" /> : null}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Pull request

const prStates = {
  pr_open: { label: 'Open', className: 'text-indigo-700' },
  merged: { label: 'Merged', className: 'text-green-700' },
  closed: { label: 'Closed without merging', className: 'text-gray-600' },
} as const;

function PullRequestSection({ fix, canGenerate, prWatch, onPullRequest }: { fix: Fix; canGenerate: boolean; prWatch: PrWatch | null; onPullRequest?: (watch: PrWatch) => void }) {
  const create = useCreatePullRequest();
  const waiting = prWatch !== null && fix.status === 'validated';
  const now = useNow(waiting, 5000);
  const timedOut = waiting && now - prWatch.since >= PR_POLL_LIMIT_MS;

  if (fix.pullRequest && (fix.status === 'pr_open' || fix.status === 'merged' || fix.status === 'closed')) {
    const pr = fix.pullRequest;
    const state = prStates[fix.status];
    return (
      <div className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm" data-testid="fix-pr">
        <p className="font-semibold text-indigo-900">{pr.url ? 'Pull request' : 'Branch pushed'}</p>
        <dl className="mt-1 grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-indigo-800">Branch</dt>
          <dd>
            <code className="select-all break-all font-mono text-gray-900">{pr.branch}</code>
          </dd>
          {pr.url ? (
            <>
              <dt className="text-indigo-800">Pull request</dt>
              <dd>
                <ExternalLink href={pr.url} className="font-medium text-indigo-700 hover:text-indigo-600" data-testid="fix-pr-link">
                  {pr.number ? `#${pr.number}` : pr.url}
                </ExternalLink>
              </dd>
            </>
          ) : null}
          <dt className="text-indigo-800">State</dt>
          <dd className={`font-medium ${state.className}`}>
            {pr.url ? state.label : fix.status === 'pr_open' ? 'Pushed, no pull request yet' : state.label}
            {fix.status !== 'pr_open' && fix.closedAt && <span className="font-normal text-gray-600"> · {formatDateTime(fix.closedAt)}</span>}
            {fix.status === 'pr_open' && fix.prOpenedAt && <span className="font-normal text-gray-600"> · {pr.url ? 'since' : 'on'} {formatDateTime(fix.prOpenedAt)}</span>}
          </dd>
        </dl>
        {!pr.url && <p className="mt-1 text-xs text-indigo-800">This repository is a plain git remote, so Argus pushed the branch; open the pull request from it on your git host.</p>}
      </div>
    );
  }

  if (fix.status !== 'validated') return null;

  if (waiting) {
    return (
      <div className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="fix-pr-pending" role="status">
        {timedOut ? (
          <p>
            The pull request has not opened after {Math.round(PR_POLL_LIMIT_MS / 60_000)} minutes; its workflow may have failed. Contact
            support and quote workflow <code className="select-all break-all font-mono">{prWatch.workflowId}</code>.
          </p>
        ) : (
          <p className="flex items-center gap-2">
            <Spinner className="h-4 w-4" /> Pushing branch and opening the pull request…
          </p>
        )}
        <p className="mt-1 text-xs">
          Branch: <code className="select-all break-all font-mono">{prWatch.branch}</code>
        </p>
      </div>
    );
  }

  if (!canGenerate) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        size="sm"
        loading={create.isPending}
        onClick={() =>
          create.mutate(fix.id, {
            onSuccess: (result) => onPullRequest?.({ fixId: fix.id, branch: result.branch, workflowId: result.workflowId, since: Date.now() }),
          })
        }
        data-testid="fix-create-pr"
      >
        Create PR
      </Button>
      <span className="text-xs text-gray-500">Pushes a branch with this patch and opens a pull request against the default branch.</span>
      <ErrorAlert error={create.error} title="No pull request was started" className="w-full" />
    </div>
  );
}

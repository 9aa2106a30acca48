import { useId, useState } from 'react';
import type { FileRole, Finding, FlowStep, TriageStatus } from '../api/types';
import { RuleDocBody } from '../rules/RuleDocPanel';
import { useRuleDoc } from '../rules/rules.api';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ExternalLink } from '../ui/ExternalLink';
import { TextField } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { FixPanel } from '../fixes/FixPanel';
import { CodeSnippet } from './CodeSnippet';
import { formatCategory, formatTriage, SeverityBadge, TriageBadge } from './FindingBadges';
import { useTriageFinding } from './findings.api';
import { limitsOf } from '../api/limits';

export const FILE_ROLE_LABELS: Record<FileRole, string> = {
  production: 'Production code',
  test: 'Test code',
  example: 'Example code',
  docs: 'Documentation',
  fixture: 'Test fixture',
};

/** A taint finding's path: where the data comes from, what it goes through, where it ends up. */
function DataFlow({ steps }: { steps: FlowStep[] }) {
  return (
    <section aria-label="Data flow" className="rounded-md border border-gray-200 bg-white p-3" data-testid="finding-flow">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-500">Data flow</h3>
      <ol className="mt-2 space-y-1 text-xs">
        {steps.map((s, i) => (
          <li key={`${s.path}:${s.line}:${s.column}:${i}`} className="flex gap-2">
            <span className="w-5 shrink-0 text-right text-gray-400">{i + 1}.</span>
            <span className="text-gray-800">{s.note}</span>
            <code className="ml-auto shrink-0 font-mono text-gray-500">
              {s.path}:{s.line}
            </code>
          </li>
        ))}
      </ol>
    </section>
  );
}

function RulePanel({ ruleId }: { ruleId: string }) {
  const doc = useRuleDoc(ruleId);
  if (doc.isPending) return <p className="text-xs text-gray-500">Loading the rule’s documentation…</p>;
  if (doc.isError) return <p className="text-xs text-gray-500">No Argus documentation for this rule (it comes from an imported tool).</p>;
  return (
    <section aria-label="About this rule" className="rounded-md border border-gray-200 bg-white p-3">
      <h3 className="mb-2 text-sm font-semibold text-gray-900">{doc.data.title}</h3>
      <RuleDocBody rule={doc.data} />
    </section>
  );
}

const ACTIONS: { status: TriageStatus; label: string }[] = [
  { status: 'false_positive', label: 'False positive' },
  { status: 'wont_fix', label: 'Won’t fix' },
  { status: 'accepted', label: 'Accepted' },
];

interface FindingDetailsProps {
  finding: Finding;
  runId: string;
  canTriage: boolean;
}

interface ExpandedFindingProps extends FindingDetailsProps {
  workspaceId: string;
  /** Admins and developers; viewers see fixes but cannot generate them or open pull requests. */
  canGenerateFixes: boolean;
}

export function FindingDetails({ finding, runId, canTriage, workspaceId, canGenerateFixes }: ExpandedFindingProps) {
  const location = `${finding.path}:${finding.startLine}${finding.startColumn > 1 ? `:${finding.startColumn}` : ''}`;
  return (
    <div className="grid gap-5 lg:grid-cols-3" data-testid="finding-details">
      <div className="space-y-3 lg:col-span-2">
        <p className="whitespace-pre-wrap text-sm text-gray-900">{finding.message}</p>
        <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-gray-500">Rule</dt>
          <dd className="min-w-0">
            <code className="break-all font-mono text-gray-800">{finding.ruleId}</code>
            {finding.helpUrl && (
              <ExternalLink href={finding.helpUrl} className="ml-2 font-medium text-indigo-600 hover:text-indigo-500">
                Rule documentation
              </ExternalLink>
            )}
          </dd>
          <dt className="text-gray-500">Tool</dt>
          <dd>{finding.tool}</dd>
          <dt className="text-gray-500">Location</dt>
          <dd>
            <code className="break-all font-mono text-gray-800">{location}</code>
            {finding.endLine > finding.startLine && <span className="ml-1 text-gray-500">(to line {finding.endLine})</span>}
          </dd>
          <dt className="text-gray-500">Severity</dt>
          <dd>
            <SeverityBadge severity={finding.severity} /> <span className="ml-1 text-gray-600">{formatCategory(finding.category)}</span>
          </dd>
          {finding.cwe.length > 0 && (
            <>
              <dt className="text-gray-500">Weakness</dt>
              <dd className="text-gray-700">{finding.cwe.join(', ')}</dd>
            </>
          )}
          {finding.fileRole !== 'production' && (
            <>
              <dt className="text-gray-500">Code</dt>
              <dd className="text-gray-700" data-testid="finding-file-role">
                {FILE_ROLE_LABELS[finding.fileRole]}: listed, but not counted in the gate or the totals
              </dd>
            </>
          )}
          <dt className="text-gray-500">In this run</dt>
          <dd className="text-gray-700">{finding.isNew ? 'New: not in the run it was compared with' : 'Existing: seen before, or part of the baseline'}</dd>
        </dl>
        <CodeSnippet snippet={finding.snippet} startLine={finding.startLine} endLine={finding.endLine} path={finding.path} />
        {finding.codeFlow && finding.codeFlow.length > 0 && <DataFlow steps={finding.codeFlow} />}
        <RulePanel ruleId={finding.ruleId} />
      </div>
      <div className="space-y-4">
        {finding.suppression && (
          <div className="rounded-md bg-gray-100 px-3 py-2 text-xs text-gray-700" data-testid="finding-suppression">
            <p className="font-semibold text-gray-900">Suppressed in the source</p>
            <p className="mt-0.5">
              An inline <code className="font-mono">argus-ignore</code> comment silences this finding
              {finding.suppression.reason ? (
                <>
                  , with the reason: <q className="italic">{finding.suppression.reason}</q>
                </>
              ) : (
                ', without a reason.'
              )}
            </p>
          </div>
        )}
        <TriagePanel finding={finding} runId={runId} canTriage={canTriage} />
      </div>
      <div className="lg:col-span-3">
        <FixPanel finding={finding} workspaceId={workspaceId} canGenerate={canGenerateFixes} />
      </div>
    </div>
  );
}

function TriagePanel({ finding, runId, canTriage }: FindingDetailsProps) {
  const triage = useTriageFinding(runId);
  const [reason, setReason] = useState('');
  const headingId = useId();
  const current = finding.triage;

  function apply(status: TriageStatus) {
    triage.mutate({ findingId: finding.id, status, reason: reason.trim() || undefined }, { onSuccess: () => setReason('') });
  }

  return (
    <section aria-labelledby={headingId} className="rounded-md border border-gray-200 bg-white p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id={headingId} className="text-xs font-semibold uppercase tracking-wide text-gray-500">
          Triage
        </h3>
        <TriageBadge status={current.status} />
      </div>
      {current.status !== 'open' && (
        <p className="mt-2 text-xs text-gray-600">
          Marked {formatTriage(current.status).toLowerCase()}
          {current.updatedAt && <> on {formatDateTime(current.updatedAt)}</>}
          {current.reason && (
            <>
              : <q className="italic">{current.reason}</q>
            </>
          )}
          . It stays so in later runs of this repository.
        </p>
      )}
      {canTriage ? (
        <div className="mt-3 space-y-2" data-testid="triage-actions">
          <TextField
            label="Reason (optional)"
            value={reason}
            {...limitsOf('PATCH /api/findings/{findingId}/triage', 'reason')}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why, for the next reader"
            data-testid="triage-reason"
          />
          <div className="flex flex-wrap gap-2">
            {ACTIONS.filter((a) => a.status !== current.status).map((action) => (
              <Button
                key={action.status}
                variant="secondary"
                size="sm"
                loading={triage.isPending && triage.variables?.status === action.status}
                disabled={triage.isPending}
                onClick={() => apply(action.status)}
              >
                {action.label}
              </Button>
            ))}
            {current.status !== 'open' && (
              <Button
                variant="secondary"
                size="sm"
                loading={triage.isPending && triage.variables?.status === 'open'}
                disabled={triage.isPending}
                onClick={() => apply('open')}
              >
                Reopen
              </Button>
            )}
          </div>
          <ErrorAlert error={triage.error} title="The finding was not updated" />
        </div>
      ) : (
        <p className="mt-2 text-xs text-gray-500">Viewers can read triage but not change it.</p>
      )}
    </section>
  );
}

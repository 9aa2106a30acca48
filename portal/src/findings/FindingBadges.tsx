import type { Category, Finding, Severity, TriageStatus } from '../api/types';
import { Badge } from '../ui/Badge';
import type { Tone } from '../ui/Badge';

const severityTones: Record<Severity, Tone> = { critical: 'red', high: 'orange', medium: 'amber', low: 'blue', info: 'gray' };
/** The same scale for Tremor components, which take their own colour names. */
export const severityChartColors: Record<Severity, 'red' | 'orange' | 'amber' | 'blue' | 'gray'> = {
  critical: 'red',
  high: 'orange',
  medium: 'amber',
  low: 'blue',
  info: 'gray',
};

const severityLabels: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
const categoryLabels: Record<Category, string> = {
  security: 'Security',
  bug: 'Bug',
  performance: 'Performance',
  maintainability: 'Maintainability',
  style: 'Style',
};
const triageLabels: Record<TriageStatus, string> = { open: 'Open', false_positive: 'False positive', wont_fix: 'Won’t fix', accepted: 'Accepted' };
const triageTones: Record<TriageStatus, Tone> = { open: 'gray', false_positive: 'gray', wont_fix: 'amber', accepted: 'indigo' };

export const formatSeverity = (s: Severity) => severityLabels[s] ?? s;
export const formatCategory = (c: Category) => categoryLabels[c] ?? c;
export const formatTriage = (t: TriageStatus) => triageLabels[t] ?? t;

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severityTones[severity] ?? 'gray'}>{formatSeverity(severity)}</Badge>;
}

export function TriageBadge({ status }: { status: TriageStatus }) {
  return <Badge tone={triageTones[status] ?? 'gray'}>{formatTriage(status)}</Badge>;
}

/** What a reader needs at a glance: new in this run, suppressed in the source, triaged, or fixable without a key. */
export function FindingStateBadges({ finding }: { finding: Finding }) {
  return (
    <span className="flex flex-wrap gap-1">
      {finding.isNew && <Badge tone="blue">New</Badge>}
      {finding.suppression && (
        <Badge tone="gray" title={finding.suppression.reason ?? undefined}>
          Suppressed
        </Badge>
      )}
      {finding.triage.status !== 'open' && <TriageBadge status={finding.triage.status} />}
      {finding.builtinFix && !finding.suppression && finding.triage.status === 'open' && (
        <Badge tone="green" title="Argus’s built-in provider has a fix for this rule: no API key needed, no code leaves your installation" data-testid="finding-builtin-fix">
          Built-in fix
        </Badge>
      )}
    </span>
  );
}

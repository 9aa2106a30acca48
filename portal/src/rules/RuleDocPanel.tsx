import type { RuleDoc } from '../api/types';
import { Badge } from '../ui/Badge';
import { ExternalLink } from '../ui/ExternalLink';
import { formatCategory, SeverityBadge } from '../findings/FindingBadges';

/** A rule's documentation: what, why, how to fix, examples, CWE/OWASP tags and the link. */
export function RuleDocBody({ rule, headingLevel = 'h4' }: { rule: RuleDoc; headingLevel?: 'h3' | 'h4' }) {
  const H = headingLevel;
  return (
    <div className="space-y-2 text-sm text-gray-800" data-testid="rule-doc">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={rule.severity} />
        <span className="text-xs text-gray-600">{formatCategory(rule.category)}</span>
        {rule.cwe.map((c) => (
          <Badge key={c} tone="gray">
            {c}
          </Badge>
        ))}
        {rule.owasp.map((o) => (
          <Badge key={o} tone="gray" title={o}>
            OWASP {o.slice(0, 3)}
          </Badge>
        ))}
      </div>
      <p>{rule.description}</p>
      <H className="text-xs font-semibold uppercase tracking-wide text-gray-500">Why it matters</H>
      <p>{rule.why}</p>
      <H className="text-xs font-semibold uppercase tracking-wide text-gray-500">How to fix it</H>
      <p>{rule.fix}</p>
      {rule.noncompliant && (
        <>
          <H className="text-xs font-semibold uppercase tracking-wide text-red-700">Noncompliant</H>
          <pre className="overflow-x-auto rounded bg-red-50 p-2 font-mono text-xs text-gray-900">{rule.noncompliant}</pre>
        </>
      )}
      {rule.compliant && (
        <>
          <H className="text-xs font-semibold uppercase tracking-wide text-green-700">Compliant</H>
          <pre className="overflow-x-auto rounded bg-green-50 p-2 font-mono text-xs text-gray-900">{rule.compliant}</pre>
        </>
      )}
      <p>
        <ExternalLink href={rule.helpUri} className="font-medium text-indigo-600 hover:text-indigo-500">
          Full documentation
        </ExternalLink>
      </p>
    </div>
  );
}

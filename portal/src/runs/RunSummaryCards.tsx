import { BarList, Card, Metric, Text, Title } from '@tremor/react';
import type { Category, RunSummary, Severity } from '../api/types';
import { CATEGORIES, SEVERITIES } from '../api/enums';
import { formatCategory, formatSeverity, severityChartColors } from '../findings/FindingBadges';

interface RunSummaryCardsProps {
  summary: RunSummary;
  isBaseline: boolean;
  onSelectSeverity?: (severity: Severity, onlyNew: boolean) => void;
  onSelectCategory?: (category: Category) => void;
}

/** Open findings by severity and category, and what is new in this run, as Tremor cards. */
export function RunSummaryCards({ summary, isBaseline, onSelectSeverity, onSelectCategory }: RunSummaryCardsProps) {
  const kpis = [
    {
      label: 'Open',
      value: summary.open,
      hint: summary.outsideProduction ? `In production code; ${summary.outsideProduction.toLocaleString()} more in tests, examples and docs, not counted` : 'Not suppressed or triaged',
    },
    { label: 'New', value: summary.new, hint: isBaseline ? 'None on a baseline run' : 'Open and new in this run' },
    { label: 'Suppressed', value: summary.suppressed, hint: 'argus-ignore in the source' },
    { label: 'Triaged', value: summary.triaged, hint: 'False positive, won’t fix, accepted' },
  ];
  const severityBars = (counts: Record<Severity, number>) =>
    SEVERITIES.map((s) => ({ key: s, name: formatSeverity(s), value: counts[s] ?? 0, color: severityChartColors[s], severity: s }));

  return (
    <div className="space-y-4" data-testid="run-summary">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {kpis.map((kpi) => (
          <Card key={kpi.label}>
            <Text>{kpi.label}</Text>
            <Metric data-testid={`summary-${kpi.label.toLowerCase()}`}>{kpi.value.toLocaleString()}</Metric>
            <Text className="mt-1 text-xs">{kpi.hint}</Text>
          </Card>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <Title>Open by severity</Title>
          <Text>{summary.open.toLocaleString()} open findings{onSelectSeverity ? ' · select a bar to filter' : ''}</Text>
          <BarList
            className="mt-3"
            sortOrder="none"
            data={severityBars(summary.bySeverity)}
            onValueChange={onSelectSeverity ? (bar) => onSelectSeverity(bar.severity, false) : undefined}
            aria-label="Open findings by severity"
          />
        </Card>
        <Card>
          <Title>New by severity</Title>
          <Text>{isBaseline ? 'Baseline run: nothing counts as new' : `${summary.new.toLocaleString()} new findings`}</Text>
          <BarList
            className="mt-3"
            sortOrder="none"
            data={severityBars(summary.newBySeverity)}
            onValueChange={onSelectSeverity ? (bar) => onSelectSeverity(bar.severity, true) : undefined}
            aria-label="New findings by severity"
          />
        </Card>
        <Card>
          <Title>Open by category</Title>
          <Text>Where the open findings are</Text>
          <BarList
            className="mt-3"
            data={CATEGORIES.map((c) => ({ key: c, name: formatCategory(c), value: summary.byCategory[c] ?? 0, category: c }))}
            onValueChange={onSelectCategory ? (bar) => onSelectCategory(bar.category) : undefined}
            aria-label="Open findings by category"
          />
        </Card>
      </div>
    </div>
  );
}

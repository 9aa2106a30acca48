import { Card, Text, Title } from '@tremor/react';
import type { Run } from '../api/types';
import { formatSeverity } from '../findings/FindingBadges';
import { GateBadge } from './RunBadges';
import { isActive } from './runs.api';

export function QualityGateCard({ run }: { run: Run }) {
  const gate = run.gate;
  return (
    <Card data-testid="quality-gate">
      <div className="flex items-start justify-between gap-2">
        <Title className="whitespace-nowrap">Quality gate</Title>
        <GateBadge passed={gate?.passed} compact />
      </div>
      {!gate ? (
        <Text className="mt-2">
          {isActive(run.status)
            ? 'Evaluated when the analysis finishes.'
            : run.status === 'completed'
              ? 'No gate was evaluated for this run.'
              : 'Not evaluated: the run did not complete.'}
        </Text>
      ) : gate.conditions.length === 0 ? (
        <Text className="mt-2">No conditions are configured, so the gate passes.</Text>
      ) : (
        <>
          <Text className="mt-1">New findings allowed per severity (from .argus.yml, or the defaults).</Text>
          <table className="mt-3 w-full text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-gray-500">
                <th scope="col" className="py-1 font-semibold">
                  Severity
                </th>
                <th scope="col" className="py-1 text-right font-semibold">
                  New
                </th>
                <th scope="col" className="py-1 text-right font-semibold">
                  Allowed
                </th>
                <th scope="col" className="py-1 text-right font-semibold">
                  <span className="sr-only">Result</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {gate.conditions.map((c) => (
                <tr key={c.severity} data-testid={`gate-condition-${c.severity}`}>
                  <td className="py-1.5 text-gray-900">{c.severity === 'secrets' ? 'Secrets' : formatSeverity(c.severity)}</td>
                  <td className={`py-1.5 text-right tabular-nums ${c.passed ? 'text-gray-700' : 'font-semibold text-red-700'}`}>{c.actualNew}</td>
                  <td className="py-1.5 text-right tabular-nums text-gray-500">≤ {c.maxNew}</td>
                  <td className="py-1.5 text-right">
                    <span className={c.passed ? 'text-green-700' : 'text-red-700'}>
                      <span aria-hidden="true">{c.passed ? '✓' : '✕'}</span>
                      <span className="sr-only">{c.passed ? 'passed' : 'failed'}</span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

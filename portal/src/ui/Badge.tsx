import type { ReactNode } from 'react';

export type Tone = 'gray' | 'indigo' | 'green' | 'amber' | 'orange' | 'red' | 'blue';

const tones: Record<Tone, string> = {
  gray: 'bg-gray-50 text-gray-600 ring-gray-500/10',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-700/10',
  green: 'bg-green-50 text-green-700 ring-green-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  orange: 'bg-orange-50 text-orange-800 ring-orange-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/10',
  blue: 'bg-blue-50 text-blue-700 ring-blue-700/10',
};

export function Badge({ tone = 'gray', title, children, 'data-testid': testId }: { tone?: Tone; title?: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <span title={title} data-testid={testId} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

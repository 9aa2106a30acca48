import { Badge, type Tone } from '../ui/Badge';

const STATUS: Record<string, { tone: Tone; label: string }> = {
  open: { tone: 'amber', label: 'Open' },
  in_progress: { tone: 'blue', label: 'In progress' },
  resolved: { tone: 'green', label: 'Resolved' },
  closed: { tone: 'gray', label: 'Closed' },
};
const PRIORITY: Record<string, Tone> = { low: 'gray', medium: 'indigo', high: 'orange', critical: 'red' };

export function TicketStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: 'gray' as Tone, label: status };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <Badge tone={PRIORITY[priority] ?? 'gray'}>{priority}</Badge>;
}

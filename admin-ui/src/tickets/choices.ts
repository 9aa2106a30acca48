export const ticketStatusChoices = [
  { id: 'open', name: 'Open' },
  { id: 'in_progress', name: 'In progress' },
  { id: 'resolved', name: 'Resolved' },
  { id: 'closed', name: 'Closed' },
];
export const ticketPriorityChoices = [
  { id: 'low', name: 'Low' },
  { id: 'medium', name: 'Medium' },
  { id: 'high', name: 'High' },
  { id: 'critical', name: 'Critical' },
];
export const statusColors = { open: 'warning', in_progress: 'info', resolved: 'success', closed: 'default' } as const;
export const priorityColors = { low: 'default', medium: 'info', high: 'warning', critical: 'error' } as const;

/** "2 h 5 min", "3 d 4 h": how long a ticket has waited or lived. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h`;
}

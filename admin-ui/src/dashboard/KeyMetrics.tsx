import { Alert, Box, Button, Card, CardContent, CardHeader, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { usePermissions } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { httpClient } from '../httpClient';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';

type Dashboard = ResponseBody<'/api/admin/dashboard', 'get'>;
const money = (cents: number) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

function Metric({ label, value, hint, to }: { label: string; value: string | number; hint?: string; to?: string }) {
  const body = (
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h4" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`metric-${label}`}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
    </CardContent>
  );
  return (
    <Card sx={{ flex: '1 1 180px' }}>
      {to ? (
        <Box component={RouterLink} to={to} sx={{ color: 'inherit', textDecoration: 'none' }}>
          {body}
        </Box>
      ) : (
        body
      )}
    </Card>
  );
}

/** Key metrics, alerts, recent activity and quick actions; each part only for the roles that may see it. */
export function KeyMetrics() {
  const { permissions: role } = usePermissions<StaffRole | null>();
  const q = useQuery({ queryKey: ['admin', 'dashboard'], queryFn: async () => (await httpClient('/api/admin/dashboard')).json as Dashboard, refetchInterval: 60_000 });
  if (q.isPending) return <Typography color="text.secondary">Loading key metrics…</Typography>;
  if (q.isError) return <Alert severity="error">Could not load the key metrics: {q.error.message}</Alert>;
  const d = q.data;
  return (
    <Stack spacing={2}>
      {d.alerts.map((a) => (
        <Alert key={a.message} severity={a.severity} action={a.link ? <Button component={RouterLink} to={a.link}>Open</Button> : undefined}>
          {a.message}
        </Alert>
      ))}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Metric label="Users" value={d.users.total} hint={`${d.users.newLast7Days} new this week · ${d.users.suspended} suspended`} to="/users" />
        {d.subscriptions && <Metric label="Active subscriptions" value={d.subscriptions.active} hint={`${d.subscriptions.trial} trial · ${d.subscriptions.pastDue} past due`} to={canAccess(role, 'subscriptions') ? '/subscriptions' : undefined} />}
        {d.subscriptions && <Metric label="MRR" value={money(d.subscriptions.mrrCents)} />}
        {d.tickets && <Metric label="Open tickets" value={d.tickets.open + d.tickets.inProgress} hint={`${d.tickets.unassigned} unassigned · ${d.tickets.slaBreached} past SLA`} to="/tickets" />}
        <Metric label="Runs today" value={d.runs.today} hint={`${d.runs.failedToday} failed · ${d.runs.running} in flight`} to={canAccess(role, 'runs') ? '/runs' : undefined} />
      </Box>
      <Card data-testid="runs-per-day">
        <CardHeader title="Runs, last 14 days" subheader={`${d.runs.perDay.reduce((n, x) => n + x.runs, 0).toLocaleString()} runs · ${d.runs.perDay.reduce((n, x) => n + x.failed, 0).toLocaleString()} failed`} />
        <CardContent sx={{ height: 220 }}>
          {d.runs.perDay.every((x) => x.runs === 0) ? (
            <Typography color="text.secondary">No analysis ran in the last 14 days.</Typography>
          ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={d.runs.perDay.map((x) => ({ day: x.day.slice(5), Completed: x.completed, Failed: x.failed, Other: x.runs - x.completed - x.failed }))}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} width={32} />
              <Tooltip />
              <Legend />
              <Bar dataKey="Completed" stackId="runs" fill="#2e7d32" isAnimationActive={false} />
              <Bar dataKey="Failed" stackId="runs" fill="#d32f2f" isAnimationActive={false} />
              <Bar dataKey="Other" stackId="runs" fill="#9e9e9e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          )}
        </CardContent>
      </Card>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {d.recentActivity && (
          <Card sx={{ flex: '2 1 400px' }}>
            <CardHeader title="Recent activity" action={<Button component={RouterLink} to="/audit-logs">Audit log</Button>} />
            <CardContent>
              <Table size="small">
                <TableBody>
                  {d.recentActivity.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(a.createdAt).toLocaleString()}</TableCell>
                      <TableCell>{a.actorName ?? a.actorKind}</TableCell>
                      <TableCell>{a.action}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        )}
        <Card sx={{ flex: '1 1 220px' }}>
          <CardHeader title="Quick actions" />
          <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'flex-start' }}>
            {canAccess(role, 'tickets') && <Button component={RouterLink} to="/tickets?filter=%7B%22assignedTo%22%3A%22none%22%7D">Unassigned tickets</Button>}
            {canAccess(role, 'tickets') && <Button component={RouterLink} to="/tickets/create">Open a ticket for a customer</Button>}
            {canAccess(role, 'users') && <Button component={RouterLink} to="/users?filter=%7B%22status%22%3A%22suspended%22%7D">Suspended users</Button>}
            {canAccess(role, 'invoices') && <Button component={RouterLink} to="/invoices?filter=%7B%22status%22%3A%22failed%22%7D">Failed invoices</Button>}
            {canAccess(role, 'system') && <Button component={RouterLink} to="/system">System monitoring &amp; maintenance</Button>}
          </CardContent>
        </Card>
      </Box>
    </Stack>
  );
}

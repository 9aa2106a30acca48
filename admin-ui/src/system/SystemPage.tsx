import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link as RouterLink } from 'react-router';
import { Title, useGetList, useNotify, usePermissions } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { callApi, messageOf } from '../actions/ActionButton';
import { HealthStatusChip } from '../dashboard/HealthStatusChip';
import { httpClient } from '../httpClient';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';

type SystemHealth = ResponseBody<'/api/admin/system/health', 'get'>;
type Performance = ResponseBody<'/api/admin/system/performance', 'get'>;
type Maintenance = ResponseBody<'/api/admin/system/maintenance', 'get'>;

const bytes = (n: number) => (n > 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n > 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`);
const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function MaintenanceCard({ state }: { state: Maintenance | undefined }) {
  const { permissions: role } = usePermissions<StaffRole | null>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [retryAfter, setRetryAfter] = useState('300');
  const mayToggle = canAccess(role, 'system.maintenance');
  if (!state) return null;
  const turnOn = !state.enabled;
  return (
    <Card data-testid="maintenance-card">
      <CardHeader
        title="Maintenance mode"
        subheader={state.enabled ? `On since ${new Date(state.since!).toLocaleString()}${state.changedBy?.name ? ` (by ${state.changedBy.name})` : ''}` : 'Off: customers can work normally'}
        action={
          <FormControlLabel
            control={<Switch checked={state.enabled} disabled={!mayToggle} onChange={() => setOpen(true)} slotProps={{ input: { 'aria-label': 'Maintenance mode' } }} />}
            label={state.enabled ? 'On' : 'Off'}
          />
        }
      />
      <CardContent>
        {state.enabled ? <Alert severity="warning">{state.message}</Alert> : null}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          While on, customers&apos; changes are refused with 503 and the message (their browsers are told to retry after {state.retryAfterSeconds} s); reading, GitHub and Stripe
          webhooks and staff keep working. The portal shows the message as a banner.{!mayToggle && ' Only super admins can switch it.'}
        </Typography>
      </CardContent>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <DialogTitle>{turnOn ? 'Switch maintenance mode on?' : 'Switch maintenance mode off?'}</DialogTitle>
        <DialogContent>
          {turnOn ? (
            <>
              <p>Every customer&apos;s change is refused until you switch it off. Tell them why and until when.</p>
              <TextField label="Message for customers" value={message} onChange={(e) => setMessage(e.target.value)} fullWidth multiline margin="dense" inputProps={{ maxLength: 500 }} />
              <TextField label="Retry after (seconds)" value={retryAfter} onChange={(e) => setRetryAfter(e.target.value)} margin="dense" inputProps={{ inputMode: 'numeric' }} />
            </>
          ) : (
            <p>Customers can make changes again at once.</p>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            color={turnOn ? 'warning' : 'primary'}
            disabled={turnOn && (!message.trim() || !(Number(retryAfter) >= 1))}
            onClick={async () => {
              try {
                await callApi('/api/admin/system/maintenance', turnOn ? { enabled: true, message, retryAfterSeconds: Number(retryAfter) } : { enabled: false });
                notify(turnOn ? 'Maintenance mode is on.' : 'Maintenance mode is off.', { type: 'success' });
                setOpen(false);
                await queryClient.invalidateQueries({ queryKey: ['admin', 'system'] });
              } catch (e) {
                notify(messageOf(e), { type: 'error' });
              }
            }}
          >
            {turnOn ? 'Switch on' : 'Switch off'}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

function Chart({ title, data, dataKey, unit }: { title: string; data: Performance['series']; dataKey: 'requestsPerSecond' | 'errorRate' | 'avgLatencyMs'; unit: string }) {
  return (
    <Card sx={{ flex: 1, minWidth: 280 }}>
      <CardHeader title={title} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ height: 200 }}>
        {data.length < 2 ? (
          <Typography color="text.secondary">Collecting samples (one every 10 seconds)…</Typography>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data.map((d) => ({ ...d, errorRate: dataKey === 'errorRate' ? d.errorRate * 100 : d.errorRate }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" tickFormatter={time} minTickGap={40} />
              <YAxis unit={unit} width={60} />
              <Tooltip labelFormatter={(v) => time(String(v))} formatter={(v) => [`${v as number}${unit}`, title]} />
              <Line type="monotone" dataKey={dataKey} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </CardContent>
    </Card>
  );
}

function RecentErrors() {
  const { data, isPending, error } = useGetList('system-logs', { pagination: { page: 1, perPage: 8 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { level: ['error', 'fatal'] } });
  return (
    <Card>
      <CardHeader title="Recent errors" action={<Button component={RouterLink} to="/system-logs">All logs</Button>} />
      <CardContent>
        {isPending ? (
          <Typography color="text.secondary">Loading…</Typography>
        ) : error ? (
          <Alert severity="error">{messageOf(error)}</Alert>
        ) : !data?.length ? (
          <Typography color="text.secondary">No errors logged.</Typography>
        ) : (
          <Table size="small">
            <TableBody>
              {data.map((l) => (
                <TableRow key={l.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(l.createdAt as string).toLocaleString()}</TableCell>
                  <TableCell>{l.component as string}</TableCell>
                  <TableCell>{l.message as string}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** System Monitoring: health of every dependency, request rate, error rate and latency, Temporal and Postgres, maintenance. */
export function SystemPage() {
  const health = useQuery({ queryKey: ['admin', 'system', 'health'], queryFn: async () => (await httpClient('/api/admin/system/health')).json as SystemHealth, refetchInterval: 30_000 });
  const perf = useQuery({ queryKey: ['admin', 'system', 'performance'], queryFn: async () => (await httpClient('/api/admin/system/performance')).json as Performance, refetchInterval: 10_000 });
  const p = perf.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="System monitoring" />
      <MaintenanceCard state={health.data?.maintenance} />
      <Card>
        <CardHeader title="Health" subheader={health.data ? <HealthStatusChip status={health.data.status} /> : undefined} />
        <CardContent>
          {health.isError && <Alert severity="error">{messageOf(health.error)}</Alert>}
          {health.data && (
            <Table size="small" aria-label="Dependencies">
              <TableHead>
                <TableRow>
                  <TableCell>Dependency</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell align="right">Latency (ms)</TableCell>
                  <TableCell>Detail</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {health.data.checks.map((c) => (
                  <TableRow key={c.name} data-testid={`system-health-${c.name}`}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell>
                      <HealthStatusChip status={c.status} />
                    </TableCell>
                    <TableCell align="right">{c.latencyMs ?? '—'}</TableCell>
                    <TableCell sx={{ color: 'text.secondary' }}>{c.detail}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {perf.isError && <Alert severity="error">{messageOf(perf.error)}</Alert>}
      {p && (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Chart title="Requests per second" data={p.series} dataKey="requestsPerSecond" unit="/s" />
            <Chart title="Error rate (5xx)" data={p.series} dataKey="errorRate" unit="%" />
            <Chart title="Average latency" data={p.series} dataKey="avgLatencyMs" unit=" ms" />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Card sx={{ flex: 1, minWidth: 280 }}>
              <CardHeader title="Workflows (Temporal)" />
              <CardContent>
                {p.temporal.available ? (
                  <Typography>
                    {p.temporal.running} running · {p.temporal.failed24h} failed and {p.temporal.timedOut24h} timed out in the last 24 h
                  </Typography>
                ) : (
                  <Alert severity="warning">Temporal did not answer: {p.temporal.detail}</Alert>
                )}
              </CardContent>
            </Card>
            <Card sx={{ flex: 1, minWidth: 280 }}>
              <CardHeader title="Database" subheader={`${bytes(p.database.databaseBytes)} · ${p.database.connections.active}/${p.database.connections.total} connections active`} />
              <CardContent>
                <Table size="small" aria-label="Largest tables">
                  <TableBody>
                    {p.database.tables.slice(0, 5).map((t) => (
                      <TableRow key={t.name}>
                        <TableCell>{t.name}</TableCell>
                        <TableCell align="right">{bytes(t.totalBytes)}</TableCell>
                        <TableCell align="right">~{t.rows.toLocaleString()} rows</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  Statements running longer than a second
                </Typography>
                {p.database.slowQueries.length === 0 ? (
                  <Typography color="text.secondary">None right now.</Typography>
                ) : (
                  p.database.slowQueries.map((q) => (
                    <Typography key={q.pid} variant="body2" sx={{ fontFamily: 'monospace' }}>
                      {Math.round(q.durationMs / 1000)} s · {q.applicationName} · {q.query}
                    </Typography>
                  ))
                )}
              </CardContent>
            </Card>
          </Box>
          <Card>
            <CardHeader title="Routes" subheader={`This API process, up ${Math.round(p.uptimeSeconds / 60)} min`} />
            <CardContent>
              <Table size="small" aria-label="Routes">
                <TableHead>
                  <TableRow>
                    <TableCell>Route</TableCell>
                    <TableCell align="right">Requests</TableCell>
                    <TableCell align="right">Per minute</TableCell>
                    <TableCell align="right">5xx</TableCell>
                    <TableCell align="right">Avg (ms)</TableCell>
                    <TableCell align="right">p95 (ms)</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.routes.map((r) => (
                    <TableRow key={`${r.method} ${r.route}`}>
                      <TableCell sx={{ fontFamily: 'monospace' }}>
                        {r.method} {r.route}
                      </TableCell>
                      <TableCell align="right">{r.requests}</TableCell>
                      <TableCell align="right">{r.requestsPerMinute}</TableCell>
                      <TableCell align="right">{r.errors ? `${r.errors} (${(r.errorRate * 100).toFixed(1)}%)` : 0}</TableCell>
                      <TableCell align="right">{r.avgLatencyMs}</TableCell>
                      <TableCell align="right">{r.p95LatencyMs ?? '> 5000'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </>
      )}
      <RecentErrors />
    </Stack>
  );
}

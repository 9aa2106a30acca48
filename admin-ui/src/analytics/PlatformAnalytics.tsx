import { Alert, Box, Card, CardContent, CardHeader, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { httpClient } from '../httpClient';

type Users = ResponseBody<'/api/admin/analytics/users', 'get'>;
type Platform = ResponseBody<'/api/admin/analytics/platform', 'get'>;
type Revenue = ResponseBody<'/api/admin/analytics/revenue', 'get'>;
type Quality = ResponseBody<'/api/admin/analytics/quality', 'get'>;

const money = (cents: number) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const duration = (s: number | null) => (s === null ? '–' : s >= 86_400 ? `${(s / 86_400).toFixed(1)} d` : `${(s / 3600).toFixed(1)} h`);

function useAdminAnalytics<T>(area: string, days: number) {
  return useQuery({ queryKey: ['admin', 'analytics', area, days], queryFn: async () => (await httpClient(`/api/admin/analytics/${area}?days=${days}`)).json as T });
}

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
    </Box>
  );
}

/** Bars of a daily series, drawn with boxes (the console has no chart library). */
function Spark({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  return (
    <Box aria-label={label} role="img" sx={{ display: 'flex', alignItems: 'flex-end', gap: '2px', height: 48, mt: 1 }}>
      {values.map((v, i) => (
        <Box key={i} title={String(v)} sx={{ flex: 1, bgcolor: 'primary.main', opacity: 0.8, height: `${Math.max(2, (v / max) * 100)}%` }} />
      ))}
    </Box>
  );
}

function Section<T>({ title, query, children }: { title: string; query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined }; children: (data: T) => React.ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <CardContent>
        {query.isPending ? (
          <LinearProgress />
        ) : query.isError ? (
          <Alert severity="error">{(query.error as Error)?.message ?? 'Could not load this.'}</Alert>
        ) : (
          children(query.data as T)
        )}
      </CardContent>
    </Card>
  );
}

/** Platform analytics for analytics staff: growth, load, revenue from the billing tables, quality across workspaces. */
export function PlatformAnalytics() {
  const [days, setDays] = useState(30);
  const users = useAdminAnalytics<Users>('users', days);
  const platform = useAdminAnalytics<Platform>('platform', days);
  const revenue = useAdminAnalytics<Revenue>('revenue', days);
  const quality = useAdminAnalytics<Quality>('quality', days);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Platform analytics" />
      <ToggleButtonGroup size="small" exclusive value={days} onChange={(_e, v: number | null) => v && setDays(v)} aria-label="Window" sx={{ mb: 2 }}>
        {[7, 30, 90, 365].map((d) => (
          <ToggleButton key={d} value={d}>
            {d === 365 ? '1 year' : `${d} days`}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Stack spacing={2}>
        <Section title="Revenue" query={revenue}>
          {(r) => (
            <>
              <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
                <Stat label="MRR" value={money(r.mrrCents)} hint={`${r.payingSubscriptions} paying, ${r.trialSubscriptions} in trial`} />
                <Stat label="ARR" value={money(r.arrCents)} />
                <Stat label="Expansion MRR" value={money(r.expansionMrrCents)} />
                <Stat label="Churned MRR" value={money(r.churnedMrrCents)} hint={`${r.churnedSubscriptions} cancelled`} />
                <Stat label="Net new MRR" value={money(r.netNewMrrCents)} />
                <Stat label="Collected" value={money(r.collectedCents)} hint={`${money(r.refundedCents)} refunded`} />
              </Stack>
              <Table size="small" sx={{ mt: 2 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>Tier</TableCell>
                    <TableCell align="right">Paying subscriptions</TableCell>
                    <TableCell align="right">MRR</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {r.byTier.map((t) => (
                    <TableRow key={t.tier}>
                      <TableCell>{t.displayName}</TableCell>
                      <TableCell align="right">{t.subscriptions}</TableCell>
                      <TableCell align="right">{money(t.mrrCents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </Section>
        <Section title="People" query={users}>
          {(u) => (
            <>
              <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
                <Stat label="Users" value={u.totalUsers.toLocaleString()} />
                <Stat label="DAU" value={u.dau} />
                <Stat label="WAU" value={u.wau} />
                <Stat label="MAU" value={u.mau} hint={`stickiness ${u.stickiness}%`} />
                <Stat label="Churn" value={`${u.churnRate}%`} hint="active 31–60 days ago, not since" />
              </Stack>
              <Typography variant="body2" sx={{ mt: 2 }}>
                Active people per day
              </Typography>
              <Spark values={u.activeByDay.map((d) => d.count)} label="Active people per day" />
              <Typography variant="body2" sx={{ mt: 2 }}>
                Sign-ups per day
              </Typography>
              <Spark values={u.signups.map((d) => d.count)} label="Sign-ups per day" />
            </>
          )}
        </Section>
        <Section title="Platform" query={platform}>
          {(p) => (
            <>
              <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
                <Stat label="Analyses" value={p.totals.runs.toLocaleString()} hint={`${p.totals.failed.toLocaleString()} failed`} />
                <Stat label="Findings reported" value={p.totals.findings.toLocaleString()} />
                <Stat label="Fixes generated" value={p.totals.fixesGenerated.toLocaleString()} hint={`${p.totals.fixesMerged.toLocaleString()} merged`} />
                <Stat label="Queued now" value={p.queue.runsQueued} hint={`${p.queue.runsRunning} running, ${p.queue.fixesQueued + p.queue.fixesGenerating} fixes in flight`} />
                <Stat label="Active workspaces (peak day)" value={p.totals.activeWorkspaces} />
              </Stack>
              <Spark values={p.daily.map((d) => d.runs)} label="Analyses per day" />
            </>
          )}
        </Section>
        <Section title="Code quality" query={quality}>
          {(q) => (
            <>
              <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
                <Stat label="Fix rate" value={`${q.fixRate}%`} hint="fixed per new finding" />
                <Stat label="Mean time to fix" value={duration(q.meanTimeToFixSeconds)} />
              </Stack>
              <Spark values={q.daily.map((d) => d.findings)} label="Findings reported per day" />
              <Table size="small" sx={{ mt: 2 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>Most common open rule</TableCell>
                    <TableCell>Category</TableCell>
                    <TableCell align="right">Findings</TableCell>
                    <TableCell align="right">Repositories</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {q.topRules.length === 0 ? (
                    <TableRow>
                      <TableCell colSpan={4}>No open findings on the platform.</TableCell>
                    </TableRow>
                  ) : (
                    q.topRules.map((r) => (
                      <TableRow key={r.ruleId}>
                        <TableCell sx={{ fontFamily: 'monospace' }}>{r.ruleId}</TableCell>
                        <TableCell>{r.category}</TableCell>
                        <TableCell align="right">{r.count.toLocaleString()}</TableCell>
                        <TableCell align="right">{r.repositories.toLocaleString()}</TableCell>
                      </TableRow>
                    ))
                  )}
                </TableBody>
              </Table>
            </>
          )}
        </Section>
      </Stack>
    </Box>
  );
}

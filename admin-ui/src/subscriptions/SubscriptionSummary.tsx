import { useState } from 'react';
import { Alert, Card, CardContent, CardHeader, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useListContext } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { httpClient } from '../httpClient';
import { money } from '../invoices/statuses';

type Summary = ResponseBody<'/api/admin/subscriptions/summary', 'get'>;

const WINDOWS = [7, 30, 90, 365];
const percent = (n: number) => `${n.toFixed(1)} %`;

/**
 * Above the subscriptions list: per tier, the live subscriptions by status, the cancellations in the chosen window,
 * churn and MRR. Clicking a tier filters the list below to it.
 */
export function SubscriptionSummary() {
  const [days, setDays] = useState(30);
  const { setFilters, filterValues, displayedFilters } = useListContext();
  const summary = useQuery({
    queryKey: ['admin', 'subscriptions', 'summary', days],
    queryFn: async () => (await httpClient(`/api/admin/subscriptions/summary?days=${days}`)).json as Summary,
  });
  const columns = ['Active', 'Trialing', 'Past due', `Cancelled (${days} d)`, 'Churn', 'MRR'];
  return (
    <Card data-testid="subscription-summary" variant="outlined" sx={{ m: 2 }}>
      <CardHeader
        title="By tier"
        subheader="Live subscriptions on each tier, cancellations in the window (on the tier they left), churn = cancelled ÷ (cancelled + live), MRR = (active + past due) × price"
        action={
          <TextField select size="small" label="Churn window" value={days} onChange={(e) => setDays(Number(e.target.value))} sx={{ minWidth: 140 }}>
            {WINDOWS.map((d) => (
              <MenuItem key={d} value={d}>
                Last {d} days
              </MenuItem>
            ))}
          </TextField>
        }
      />
      <CardContent>
        {summary.error ? <Alert severity="error">{(summary.error as Error).message}</Alert> : null}
        {summary.data ? (
          <Table size="small" aria-label="Subscriptions by tier">
            <TableHead>
              <TableRow>
                <TableCell>Tier</TableCell>
                {columns.map((c) => (
                  <TableCell key={c} align="right">
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.data.tiers.map((t) => (
                <TableRow
                  key={t.tier}
                  hover
                  selected={filterValues.tier === t.tier}
                  data-testid={`summary-tier-${t.tier}`}
                  sx={{ cursor: 'pointer' }}
                  onClick={() => {
                    const { tier: current, ...others } = filterValues as Record<string, unknown>;
                    setFilters(current === t.tier ? others : { ...others, tier: t.tier }, displayedFilters);
                  }}
                >
                  <TableCell>
                    {t.displayName}
                    <Typography component="span" variant="body2" color="text.secondary">
                      {' '}
                      {money(t.monthlyPriceCents)}/mo{t.isPublic ? '' : ' · hidden'}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">{t.active}</TableCell>
                  <TableCell align="right">{t.trialing}</TableCell>
                  <TableCell align="right">{t.pastDue}</TableCell>
                  <TableCell align="right">{t.cancelled}</TableCell>
                  <TableCell align="right">{percent(t.churnRate)}</TableCell>
                  <TableCell align="right">{money(t.mrrCents)}</TableCell>
                </TableRow>
              ))}
              <TableRow data-testid="summary-totals">
                <TableCell sx={{ fontWeight: 600 }}>All tiers</TableCell>
                {[summary.data.totals.active, summary.data.totals.trialing, summary.data.totals.pastDue, summary.data.totals.cancelled].map((n, i) => (
                  <TableCell key={i} align="right" sx={{ fontWeight: 600 }}>
                    {n}
                  </TableCell>
                ))}
                <TableCell align="right" sx={{ fontWeight: 600 }}>
                  {percent(summary.data.totals.churnRate)}
                </TableCell>
                <TableCell align="right" sx={{ fontWeight: 600 }}>
                  {money(summary.data.totals.mrrCents)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
    </Card>
  );
}

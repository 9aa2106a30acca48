import type { ReactNode } from 'react';
import { Alert, Box, Card, CardContent, CardHeader, Chip, Link, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { Title } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { messageOf } from '../actions/ActionButton';
import { httpClient } from '../httpClient';

type Settings = ResponseBody<'/api/admin/settings', 'get'>;

const FROM_ENV = 'Set in the environment (see docs/deploy.md); a change takes effect when the API and the worker restart.';

function Section({ title, subheader, children, testId }: { title: string; subheader?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Card data-testid={testId} sx={{ flex: 1, minWidth: 320 }}>
      <CardHeader title={title} subheader={subheader} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function Rows({ rows, label }: { rows: [string, ReactNode][]; label: string }) {
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {rows.map(([k, v]) => (
          <TableRow key={k}>
            <TableCell sx={{ color: 'text.secondary', width: '45%' }}>{k}</TableCell>
            <TableCell>{v}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const external = (href: string, text = href) => (
  <Link href={href} target="_blank" rel="noreferrer">
    {text}
  </Link>
);
const yes = (on: boolean, onText = 'configured', offText = 'not configured') => <Chip size="small" variant="outlined" color={on ? 'success' : 'default'} label={on ? onText : offText} />;

/**
 * How this installation is configured, read-only: nearly everything comes from the environment and changes with a
 * restart; maintenance mode is switched on the System page, tiers are edited under Tiers.
 */
export function SettingsPage() {
  const settings = useQuery({ queryKey: ['admin', 'settings'], queryFn: async () => (await httpClient('/api/admin/settings')).json as Settings });
  const s = settings.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Settings" />
      {settings.isError && <Alert severity="error">{messageOf(settings.error)}</Alert>}
      {s && (
        <>
          <Alert severity="info">{FROM_ENV} Secrets are never shown here, only whether they are set.</Alert>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Section testId="settings-platform" title="Platform" subheader={`${s.environment} · release ${s.release}`}>
              <Rows
                label="Platform"
                rows={[
                  ['Portal', external(s.urls.portal)],
                  ['Ops console', s.urls.console],
                  ['Public API', s.urls.publicApi],
                  ['Sign-in attempts per minute and IP', s.limits.authRequestsPerMinute],
                  ['System log entries kept per minute', s.limits.systemLogEntriesPerMinute],
                  ['Trusted proxies', s.limits.trustProxy],
                ]}
              />
            </Section>
            <Section testId="settings-temporal" title="Workflows (Temporal)" subheader={`${s.temporal.address} · namespace ${s.temporal.namespace}`}>
              <Rows
                label="Temporal"
                rows={[
                  ['Task queue', s.temporal.taskQueue],
                  ['Temporal UI', external(s.temporal.workflowsUrl, 'Open the workflows in the Temporal UI')],
                ]}
              />
            </Section>
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Section
              testId="settings-billing"
              title="Billing"
              subheader={s.billing.mode === 'stripe' ? 'Stripe charges the cards' : 'Manual mode: invoices are issued, billing admins mark them paid'}
            >
              <Rows
                label="Billing"
                rows={[
                  ['Mode', <Chip key="mode" size="small" label={s.billing.mode} color={s.billing.mode === 'stripe' ? 'success' : 'warning'} variant="outlined" />],
                  ['Stripe webhook secret', yes(s.billing.stripeWebhookConfigured, 'set', 'not set')],
                  ['Tier of a new workspace', s.billing.defaultTier],
                  ['Billing period', s.billing.billingPeriod],
                  ['Trial of the first paid tier', s.billing.trialPeriod ?? 'none'],
                  ['Dunning retries after a failed payment', s.billing.dunningDelays.join(', ') || 'none'],
                  ['Tax rates', s.billing.taxRates.length ? s.billing.taxRates.map((t) => `${t.country} ${(t.basisPoints / 100).toFixed(2)} %`).join(', ') : 'none'],
                  ['Invoicing run every', s.billing.invoicingEvery],
                  ['Currency', s.billing.currency.toUpperCase()],
                  [
                    'Prices and limits',
                    <Link key="tiers" component={RouterLink} to="/tiers">
                      Edit the tiers
                    </Link>,
                  ],
                ]}
              />
            </Section>
            <Section
              testId="settings-mail"
              title="Mail"
              subheader={s.mail.transport === 'smtp' ? `Sent through ${s.mail.smtpHost ?? 'SMTP'}` : 'No SMTP_URL: mail is kept in the outbox, nothing is sent'}
            >
              <Rows
                label="Mail"
                rows={[
                  ['From', s.mail.from],
                  ['Waiting to be sent', s.mail.outbox.pending + (s.mail.outbox.oldestPendingAt ? ` (oldest since ${new Date(s.mail.outbox.oldestPendingAt).toLocaleString()})` : '')],
                  ['Sent', s.mail.outbox.sent],
                  ['Failed', s.mail.outbox.failed],
                  ['Kept (no SMTP)', s.mail.outbox.kept],
                  [
                    'Every mail',
                    <Link key="outbox" component={RouterLink} to="/outbox">
                      Open the outbox
                    </Link>,
                  ],
                ]}
              />
            </Section>
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Section testId="settings-maintenance" title="Maintenance mode" subheader={s.maintenance.enabled ? `On since ${new Date(s.maintenance.since!).toLocaleString()}` : 'Off'}>
              {s.maintenance.enabled ? <Alert severity="warning">{s.maintenance.message}</Alert> : null}
              <Typography variant="body2" sx={{ mt: 1 }}>
                Switched on the{' '}
                <Link component={RouterLink} to="/system">
                  System page
                </Link>
                ; customers are told to retry after {s.maintenance.retryAfterSeconds} s.
              </Typography>
            </Section>
            <Section testId="settings-integrations" title="Integrations">
              <Rows label="Integrations" rows={s.integrations.map((i) => [i.name, <span key={i.name}>{yes(i.configured)} <Typography component="span" variant="body2" color="text.secondary">{i.detail}</Typography></span>])} />
            </Section>
            <Section testId="settings-staff" title="Staff">
              <Rows label="Staff" rows={s.staff.map((r) => [r.role, r.members])} />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                Staff roles are granted on a user&apos;s page (super admins only).
              </Typography>
            </Section>
          </Box>
        </>
      )}
    </Stack>
  );
}

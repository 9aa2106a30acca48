import { useState } from 'react';
import type { Subscription, UsageMeter } from '../api/types';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageHeader, Panel } from '../ui/PageHeader';
import { Pagination } from '../ui/Pagination';
import { ProgressBar } from '../ui/ProgressBar';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { formatDate } from '../ui/format';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { downloadInvoicePdf, formatMoney, useCancelSubscription, useInvoices, useReactivateSubscription, useRetryPayment, useSubscription, useUsage } from './billing.api';
import { InvoiceDialog } from './InvoiceDialog';
import { InvoiceStatusBadge, SubscriptionStatusBadge } from './InvoiceStatusBadge';
import { PaymentMethodsPanel } from './PaymentMethodsPanel';
import { UpgradeDialog } from './UpgradeDialog';

function PlanPanel({ subscription }: { subscription: Subscription }) {
  const [changing, setChanging] = useState(false);
  const [cancelling, setCancelling] = useState<null | 'period_end' | 'now'>(null);
  const cancel = useCancelSubscription(subscription.workspaceId);
  const reactivate = useReactivateSubscription(subscription.workspaceId);
  const s = subscription;
  const paid = s.tier.monthlyPriceCents > 0 && s.status !== 'cancelled';

  return (
    <Panel title="Plan">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="flex items-center gap-2 text-lg font-semibold text-gray-900" data-testid="current-plan">
            {s.tier.displayName} <SubscriptionStatusBadge status={s.status} />
          </p>
          <p className="mt-1 text-sm text-gray-600">
            {formatMoney(s.tier.monthlyPriceCents)} per period ·{' '}
            {s.status === 'trial'
              ? `trial until ${formatDate(s.trialEnd ?? s.currentPeriodEnd)}`
              : s.renewsAt
                ? `renews on ${formatDate(s.renewsAt)}`
                : s.status === 'cancelled'
                  ? `cancelled${s.cancelledAt ? ` on ${formatDate(s.cancelledAt)}` : ''}`
                  : `ends on ${formatDate(s.currentPeriodEnd)}`}
          </p>
          {s.pendingTier && <p className="mt-1 text-sm text-amber-700">Moves to {s.pendingTier.displayName} on {formatDate(s.currentPeriodEnd)}.</p>}
          {s.mode === 'manual' && <p className="mt-1 text-xs text-gray-500">Invoices are paid by transfer; a billing admin records payments.</p>}
        </div>
        {s.canManage && (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setChanging(true)} data-testid="change-plan">
              {paid ? 'Change plan' : 'Upgrade'}
            </Button>
            {(s.cancelAtPeriodEnd || s.pendingTier) && (
              <Button variant="secondary" loading={reactivate.isPending} onClick={() => reactivate.mutate()}>
                {s.cancelAtPeriodEnd ? 'Keep my subscription' : 'Keep the current plan'}
              </Button>
            )}
            {paid && !s.cancelAtPeriodEnd && (
              <Button variant="ghost" onClick={() => setCancelling('period_end')}>
                Cancel subscription
              </Button>
            )}
          </div>
        )}
      </div>
      {s.restricted && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          New analyses are paused: every attempt to collect an open invoice failed. Nothing was deleted. Update the card or retry the payment below and analyses resume at once.
        </p>
      )}
      {!s.restricted && s.status === 'past_due' && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800">
          A payment failed.{s.dunning?.nextAttemptAt ? ` We try again on ${formatDate(s.dunning.nextAttemptAt)}.` : ''} Check the card or retry the invoice now.
        </p>
      )}
      <ErrorAlert error={reactivate.error} className="mt-4" />
      <UpgradeDialog open={changing} subscription={s} onClose={() => setChanging(false)} />
      <ConfirmDialog
        open={cancelling !== null}
        title="Cancel the subscription?"
        confirmLabel={cancelling === 'now' ? 'Cancel now' : `Cancel on ${formatDate(s.currentPeriodEnd)}`}
        cancelLabel="Keep it"
        pending={cancel.isPending}
        error={cancel.error}
        onCancel={() => {
          cancel.reset();
          setCancelling(null);
        }}
        onConfirm={() => cancelling && cancel.mutate({ atPeriodEnd: cancelling === 'period_end' }, { onSuccess: () => setCancelling(null) })}
      >
        <p>
          {cancelling === 'now'
            ? 'The subscription ends now. The part of the period already used is billed on a final invoice, and the workspace moves to Free.'
            : `${s.tier.displayName} stays until ${formatDate(s.currentPeriodEnd)}; then the workspace moves to Free. You can change your mind until then.`}
        </p>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={cancelling === 'now'} onChange={(e) => setCancelling(e.target.checked ? 'now' : 'period_end')} />
          End it now instead of at the end of the period
        </label>
      </ConfirmDialog>
    </Panel>
  );
}

function Meter({ meter }: { meter: UsageMeter }) {
  const limit = meter.limit;
  const tone = meter.level === 'ok' ? 'indigo' : 'amber';
  return (
    <div data-testid={`meter-${meter.metric}`}>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-gray-900">{meter.label}</span>
        <span className="text-gray-600">{limit === null ? `${meter.used.toLocaleString('en-US')} · unlimited` : `${meter.used.toLocaleString('en-US')} of ${limit.toLocaleString('en-US')}`}</span>
      </div>
      {limit !== null && <ProgressBar label={meter.label} value={meter.used} max={Math.max(limit, 1)} valueText={`${meter.used} of ${limit}`} tone={tone} size="sm" className="mt-1.5" />}
      {meter.level === 'warning' && <p className="mt-1 text-xs text-amber-700">{Math.round(meter.percent ?? 80)} % used: you are close to this plan&apos;s limit.</p>}
      {meter.level === 'exceeded' && <p className="mt-1 text-xs font-medium text-amber-800">Limit reached. Upgrade for more{meter.metric === 'analyses' ? ', or (on paid plans) further analyses are billed as overage' : ''}.</p>}
    </div>
  );
}

function UsagePanel({ workspaceId }: { workspaceId: string }) {
  const usage = useUsage(workspaceId);
  return (
    <Panel title="Usage this period" description={usage.data ? `${formatDate(usage.data.periodStart)} to ${formatDate(usage.data.periodEnd)}` : undefined}>
      {usage.isPending && <LoadingState />}
      {usage.error && <ErrorState error={usage.error} title="Usage could not be loaded" onRetry={() => void usage.refetch()} />}
      {usage.data && (
        <div className="space-y-4">
          {usage.data.meters.map((m) => (
            <Meter key={m.metric} meter={m} />
          ))}
          {usage.data.overage.analyses > 0 && (
            <p className="text-sm text-gray-700">
              {usage.data.overage.analyses} analyses over the allowance so far: {formatMoney(usage.data.overage.estimatedCents)} on the next invoice.
            </p>
          )}
        </div>
      )}
    </Panel>
  );
}

function InvoicesPanel({ workspaceId, canManage }: { workspaceId: string; canManage: boolean }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const invoices = useInvoices(workspaceId, page);
  const retry = useRetryPayment();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <Panel title="Invoices">
      {invoices.isPending && <LoadingState />}
      {invoices.error && <ErrorState error={invoices.error} title="Invoices could not be loaded" onRetry={() => void invoices.refetch()} />}
      {invoices.data && invoices.data.total === 0 && <EmptyState title="No invoices yet">The first one arrives at the end of the first paid period.</EmptyState>}
      {invoices.data && invoices.data.total > 0 && (
        <div className="space-y-3">
          <Table>
            <thead>
              <tr>
                <Th>Invoice</Th>
                <Th>Period</Th>
                <Th className="text-right">Total</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {invoices.data.items.map((i) => (
                <tr key={i.id} data-testid="invoice-row">
                  <Td>
                    <button type="button" className="font-medium text-indigo-700 hover:underline" onClick={() => setOpen(i.id)}>
                      {i.number}
                    </button>
                  </Td>
                  <Td>
                    {formatDate(i.billingPeriodStart)} – {formatDate(i.billingPeriodEnd)}
                  </Td>
                  <Td className="text-right">{formatMoney(i.totalCents, i.currency)}</Td>
                  <Td>
                    <InvoiceStatusBadge status={i.status} />
                  </Td>
                  <Td className="text-right">
                    <span className="flex justify-end gap-2">
                      <Button size="sm" variant="ghost" onClick={() => downloadInvoicePdf(i).catch(setDownloadError)}>
                        PDF
                      </Button>
                      {canManage && i.status === 'failed' && (
                        <Button size="sm" variant="secondary" loading={retry.isPending && retry.variables === i.id} onClick={() => retry.mutate(i.id)}>
                          Retry payment
                        </Button>
                      )}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={invoices.data.pageSize} total={invoices.data.total} onPageChange={setPage} noun="invoices" />
        </div>
      )}
      <ErrorAlert error={retry.error ?? downloadError} className="mt-3" />
      {retry.data && <p className="mt-3 rounded-md bg-gray-50 px-4 py-3 text-sm text-gray-800">{retry.data.message}</p>}
      <InvoiceDialog invoiceId={open} canManage={canManage} onClose={() => setOpen(null)} />
    </Panel>
  );
}

/** The workspace's plan, usage against every limit, invoices and cards. */
export function BillingPage() {
  const { workspace } = useCurrentWorkspace();
  const subscription = useSubscription(workspace?.id);
  if (!workspace) return <LoadingState />;
  return (
    <div className="space-y-6">
      <PageHeader title="Billing" description={`Plan, usage, invoices and payment methods of ${workspace.name}.`} />
      {subscription.isPending && <LoadingState />}
      {subscription.error && <ErrorState error={subscription.error} title="The subscription could not be loaded" onRetry={() => void subscription.refetch()} />}
      {subscription.data && (
        <>
          <PlanPanel subscription={subscription.data} />
          <div className="grid gap-6 lg:grid-cols-2">
            <UsagePanel workspaceId={workspace.id} />
            <PaymentMethodsPanel workspaceId={workspace.id} canManage={subscription.data.canManage} />
          </div>
          <InvoicesPanel workspaceId={workspace.id} canManage={subscription.data.canManage} />
        </>
      )}
    </div>
  );
}

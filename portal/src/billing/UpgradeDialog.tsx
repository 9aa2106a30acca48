import { useMemo, useState } from 'react';
import type { Subscription, Tier } from '../api/types';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Modal } from '../ui/Modal';
import { formatLimit, formatMoney, useChangePlan, usePlanPreview, useTiers } from './billing.api';

function limitLines(tier: Tier): string[] {
  const l = tier.limits;
  return [
    `${formatLimit(l.analysesPerMonth, 'analyses')} per period`,
    `${formatLimit(l.aiFixesPerMonth, 'AI fixes')} per period`,
    formatLimit(l.seats, l.seats === 1 ? 'seat' : 'seats'),
    formatLimit(l.repositories, 'repositories'),
    l.concurrentRuns === null ? 'Unlimited parallel analyses' : `${l.concurrentRuns} parallel ${l.concurrentRuns === 1 ? 'analysis' : 'analyses'}`,
    ...(tier.overageAllowed && l.analysesPerMonth !== null ? [`Then ${formatMoney(tier.overagePriceCents)} per extra analysis`] : []),
    ...(tier.includesAdvancedAnalytics ? ['Advanced analytics'] : []),
    ...(tier.includesPrioritySupport ? ['Priority support'] : []),
  ];
}

/**
 * The tiers side by side. Choosing one asks the API what the change costs right now (the same calculation the change
 * itself makes), so the prorated amount is on screen before anyone confirms.
 */
export function UpgradeDialog({ open, subscription, onClose }: { open: boolean; subscription: Subscription; onClose: () => void }) {
  const tiers = useTiers();
  const [chosen, setChosen] = useState<string | null>(null);
  const requestId = useMemo(() => (open ? crypto.randomUUID() : ''), [open]);
  const current = subscription.tier;
  const chosenTier = tiers.data?.items.find((t) => t.name === chosen) ?? null;
  const direction: 'upgrade' | 'downgrade' = chosenTier && chosenTier.monthlyPriceCents < current.monthlyPriceCents && subscription.status !== 'cancelled' ? 'downgrade' : 'upgrade';
  const preview = usePlanPreview(subscription.workspaceId, chosen, direction);
  const change = useChangePlan(subscription.workspaceId);
  const close = () => {
    setChosen(null);
    change.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title="Change plan"
      description="Upgrades take effect now; you pay the difference for the rest of the period on your next invoice. Downgrades take effect at the end of the period."
      busy={change.isPending}
      onClose={close}
      className="max-w-4xl"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={change.isPending}>
            {change.isSuccess ? 'Close' : 'Cancel'}
          </Button>
          {!change.isSuccess && (
            <Button
              disabled={!chosen || !preview.data?.allowed}
              loading={change.isPending}
              onClick={() => chosen && change.mutate({ tier: chosen, direction, requestId })}
              data-testid="confirm-plan-change"
            >
              {direction === 'downgrade' ? 'Downgrade at period end' : preview.data?.prorationCents ? `Upgrade now for ${formatMoney(preview.data.prorationCents)}` : 'Switch now'}
            </Button>
          )}
        </>
      }
    >
      {tiers.isPending && <p className="text-sm text-gray-500">Loading the plans…</p>}
      {tiers.error && <ErrorAlert error={tiers.error} title="The plans could not be loaded" />}
      {tiers.data && (
        <div className="grid gap-3 sm:grid-cols-3" role="radiogroup" aria-label="Plans">
          {tiers.data.items.map((tier) => {
            const isCurrent = tier.id === current.id && subscription.status !== 'cancelled';
            const selected = chosen === tier.name;
            return (
              <button
                key={tier.id}
                type="button"
                role="radio"
                aria-checked={selected}
                disabled={isCurrent || change.isSuccess}
                onClick={() => setChosen(tier.name)}
                className={`flex flex-col rounded-lg p-4 text-left ring-1 ${selected ? 'bg-indigo-50 ring-2 ring-indigo-600' : 'bg-white ring-gray-200 hover:ring-gray-300'} disabled:cursor-default disabled:opacity-70`}
                data-testid={`tier-${tier.name}`}
              >
                <span className="flex items-center justify-between">
                  <span className="text-sm font-semibold text-gray-900">{tier.displayName}</span>
                  {isCurrent && <span className="text-xs font-medium text-indigo-700">Current plan</span>}
                </span>
                <span className="mt-1 text-2xl font-semibold text-gray-900">
                  {formatMoney(tier.monthlyPriceCents)}
                  <span className="text-sm font-normal text-gray-500"> / month</span>
                </span>
                <span className="mt-1 text-xs text-gray-500">{tier.description}</span>
                <ul className="mt-3 space-y-1 text-xs text-gray-700">
                  {limitLines(tier).map((line) => (
                    <li key={line}>✓ {line}</li>
                  ))}
                </ul>
              </button>
            );
          })}
        </div>
      )}
      <div className="mt-4 min-h-[3rem]" aria-live="polite">
        {chosen && preview.isPending && <p className="text-sm text-gray-500">Working out the price…</p>}
        {preview.error && <ErrorAlert error={preview.error} />}
        {preview.data && !change.isSuccess && (
          <p className={`rounded-md px-4 py-3 text-sm ${preview.data.allowed ? 'bg-indigo-50 text-indigo-900' : 'bg-amber-50 text-amber-800'}`} data-testid="plan-preview">
            {preview.data.message}
          </p>
        )}
        <ErrorAlert error={change.error} title="The plan was not changed" />
        {change.data && <p className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800">{change.data.message}</p>}
      </div>
    </Modal>
  );
}

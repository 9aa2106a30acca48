import { useEffect, useRef, useState } from 'react';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Panel } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useCreateSetupIntent, useMakeDefaultPaymentMethod, usePaymentMethods, useRemovePaymentMethod, useSavePaymentMethod } from './billing.api';

// Card numbers never touch Argus: Stripe Elements collects them in an iframe served from js.stripe.com and confirms a
// SetupIntent; Argus only stores Stripe's payment method id, the brand, the last four digits and the expiry.

interface StripeCardElement {
  mount(el: HTMLElement): void;
  destroy(): void;
}
interface StripeJs {
  elements(): { create(type: 'card'): StripeCardElement };
  confirmCardSetup(clientSecret: string, data: { payment_method: { card: StripeCardElement } }): Promise<{ setupIntent?: { payment_method?: string | null }; error?: { message?: string } }>;
}
declare global {
  interface Window {
    Stripe?: (key: string) => StripeJs;
  }
}

let stripeScript: Promise<void> | null = null;
/** Loads Stripe.js once; rejects after 8 s or when js.stripe.com cannot be reached (offline, self-hosted network, CSP). */
function loadStripeJs(): Promise<void> {
  stripeScript ??= new Promise<void>((resolve, reject) => {
    if (window.Stripe) return resolve();
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.async = true;
    const timer = window.setTimeout(() => reject(new Error('timeout')), 8000);
    script.onload = () => {
      window.clearTimeout(timer);
      if (window.Stripe) resolve();
      else reject(new Error('Stripe.js did not load'));
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      reject(new Error('unreachable'));
    };
    document.head.append(script);
  }).catch((err: unknown) => {
    stripeScript = null;
    throw err;
  });
  return stripeScript;
}

const OFFLINE = 'Cards are entered in Stripe Elements, which this browser loads from js.stripe.com, and it could not be reached (an offline or self-hosted network, or a blocker). Open the Billing page from a network that reaches Stripe, or ask a billing admin to record payment by invoice.';

function AddCardForm({ workspaceId, publishableKey, onDone }: { workspaceId: string; publishableKey: string; onDone: () => void }) {
  const mountRef = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<StripeJs | null>(null);
  const [card, setCard] = useState<StripeCardElement | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'offline'>('loading');
  const [message, setMessage] = useState<string | null>(null);
  const setupIntent = useCreateSetupIntent(workspaceId);
  const save = useSavePaymentMethod(workspaceId);

  useEffect(() => {
    let element: StripeCardElement | null = null;
    let cancelled = false;
    loadStripeJs()
      .then(() => {
        if (cancelled || !mountRef.current || !window.Stripe) return;
        const js = window.Stripe(publishableKey);
        element = js.elements().create('card');
        element.mount(mountRef.current);
        setStripe(js);
        setCard(element);
        setState('ready');
      })
      .catch(() => !cancelled && setState('offline'));
    return () => {
      cancelled = true;
      element?.destroy();
    };
  }, [publishableKey]);

  async function submit() {
    if (!stripe || !card) return;
    setMessage(null);
    const intent = await setupIntent.mutateAsync();
    const result = await stripe.confirmCardSetup(intent.clientSecret, { payment_method: { card } });
    if (result.error || !result.setupIntent?.payment_method) {
      setMessage(result.error?.message ?? 'Stripe could not confirm the card.');
      return;
    }
    await save.mutateAsync(result.setupIntent.payment_method);
    onDone();
  }

  if (state === 'offline') return <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800" data-testid="stripe-offline">{OFFLINE}</p>;
  return (
    <div className="space-y-3">
      <div ref={mountRef} className="rounded-md px-3 py-2.5 ring-1 ring-gray-300" />
      {state === 'loading' && <p className="text-sm text-gray-500">Loading Stripe…</p>}
      {message && <p className="text-sm text-red-700">{message}</p>}
      <ErrorAlert error={setupIntent.error ?? save.error} />
      <div className="flex gap-2">
        <Button size="sm" disabled={state !== 'ready'} loading={setupIntent.isPending || save.isPending} onClick={() => void submit().catch(() => {})}>
          Save card
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function PaymentMethodsPanel({ workspaceId, canManage }: { workspaceId: string; canManage: boolean }) {
  const methods = usePaymentMethods(workspaceId);
  const makeDefault = useMakeDefaultPaymentMethod();
  const remove = useRemovePaymentMethod();
  const [adding, setAdding] = useState(false);
  const list = methods.data;

  return (
    <Panel title="Payment methods" description="Invoices are charged to the default card.">
      {methods.isPending && <LoadingState />}
      {methods.error && <ErrorState error={methods.error} title="The cards could not be loaded" onRetry={() => void methods.refetch()} />}
      {list?.mode === 'manual' && (
        <p className="rounded-md bg-gray-50 px-4 py-3 text-sm text-gray-700" data-testid="manual-billing">
          This installation bills manually: it has no Stripe account configured, so no cards are stored. Invoices arrive by e-mail and on this page; pay them by bank transfer and a billing admin marks them paid.
        </p>
      )}
      {list && list.mode === 'stripe' && (
        <div className="space-y-4">
          {list.items.length === 0 && !adding && <EmptyState title="No card on file">Add one so invoices are paid automatically.</EmptyState>}
          {list.items.length > 0 && (
            <ul className="divide-y divide-gray-100">
              {list.items.map((m) => (
                <li key={m.id} className="flex items-center justify-between py-2 text-sm">
                  <span>
                    <span className="font-medium capitalize text-gray-900">{m.brand}</span> ending {m.last4}
                    {m.expMonth && m.expYear && <span className="text-gray-500"> · expires {String(m.expMonth).padStart(2, '0')}/{m.expYear}</span>}
                    {m.isDefault && <span className="ml-2 text-xs font-medium text-indigo-700">Default</span>}
                  </span>
                  {canManage && (
                    <span className="flex gap-2">
                      {!m.isDefault && (
                        <Button size="sm" variant="secondary" loading={makeDefault.isPending && makeDefault.variables === m.id} onClick={() => makeDefault.mutate(m.id)}>
                          Make default
                        </Button>
                      )}
                      <Button size="sm" variant="ghost" loading={remove.isPending && remove.variables === m.id} onClick={() => remove.mutate(m.id)}>
                        Remove
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <ErrorAlert error={makeDefault.error ?? remove.error} />
          {canManage &&
            (adding ? (
              list.publishableKey ? (
                <AddCardForm workspaceId={workspaceId} publishableKey={list.publishableKey} onDone={() => setAdding(false)} />
              ) : (
                <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800">Cards cannot be added from the browser: this installation has no Stripe publishable key (STRIPE_PUBLISHABLE_KEY).</p>
              )
            ) : (
              <Button size="sm" variant="secondary" onClick={() => setAdding(true)}>
                Add a card
              </Button>
            ))}
        </div>
      )}
    </Panel>
  );
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../api/client';
import type { Invoice, InvoicePage, PaymentMethod, PaymentMethodList, PaymentRetry, PlanPreview, SetupIntent, Subscription, SubscriptionChange, Tier, Usage } from '../api/types';

export const billingKeys = {
  all: ['billing'] as const,
  tiers: ['billing', 'tiers'] as const,
  subscription: (workspaceId: string) => ['billing', 'subscription', workspaceId] as const,
  usage: (workspaceId: string) => ['billing', 'usage', workspaceId] as const,
  preview: (workspaceId: string, tier: string, direction: string) => ['billing', 'preview', workspaceId, tier, direction] as const,
  invoices: (workspaceId: string, page: number) => ['billing', 'invoices', workspaceId, page] as const,
  invoice: (invoiceId: string) => ['billing', 'invoice', invoiceId] as const,
  paymentMethods: (workspaceId: string) => ['billing', 'payment-methods', workspaceId] as const,
};

export function useTiers() {
  return useQuery({ queryKey: billingKeys.tiers, queryFn: () => api<{ items: Tier[] }>('/api/subscriptions/tiers'), staleTime: 5 * 60_000 });
}

export function useSubscription(workspaceId: string | undefined) {
  return useQuery({
    queryKey: billingKeys.subscription(workspaceId ?? ''),
    queryFn: () => api<Subscription>('/api/subscriptions/current', { query: { workspaceId } }),
    enabled: Boolean(workspaceId),
  });
}

export function useUsage(workspaceId: string | undefined) {
  return useQuery({
    queryKey: billingKeys.usage(workspaceId ?? ''),
    queryFn: () => api<Usage>('/api/subscriptions/usage', { query: { workspaceId } }),
    enabled: Boolean(workspaceId),
    refetchInterval: 60_000,
  });
}

/** What a change to `tier` would cost now; asked again whenever the dialog's choice changes. */
export function usePlanPreview(workspaceId: string, tier: string | null, direction: 'upgrade' | 'downgrade') {
  return useQuery({
    queryKey: billingKeys.preview(workspaceId, tier ?? '', direction),
    queryFn: () => api<PlanPreview>('/api/subscriptions/preview', { query: { workspaceId, tier, direction } }),
    enabled: Boolean(tier),
    // A proration shrinks as the period passes: never show a stale price.
    staleTime: 0,
  });
}

function useInvalidateBilling() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: billingKeys.all });
}

export function useChangePlan(workspaceId: string) {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: ({ tier, direction, requestId }: { tier: string; direction: 'upgrade' | 'downgrade'; requestId: string }) =>
      api<SubscriptionChange>(`/api/subscriptions/${direction}`, { method: 'POST', body: { workspaceId, tier, requestId } }),
    onSuccess: invalidate,
  });
}

export function useCancelSubscription(workspaceId: string) {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: ({ atPeriodEnd }: { atPeriodEnd: boolean }) => api<SubscriptionChange>('/api/subscriptions/cancel', { method: 'POST', body: { workspaceId, atPeriodEnd } }),
    onSuccess: invalidate,
  });
}

export function useReactivateSubscription(workspaceId: string) {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: () => api<SubscriptionChange>('/api/subscriptions/reactivate', { method: 'POST', body: { workspaceId } }),
    onSuccess: invalidate,
  });
}

export function useInvoices(workspaceId: string | undefined, page: number) {
  return useQuery({
    queryKey: billingKeys.invoices(workspaceId ?? '', page),
    queryFn: () => api<InvoicePage>('/api/billing/invoices', { query: { workspaceId, page, pageSize: 10 } }),
    enabled: Boolean(workspaceId),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(invoiceId: string | null) {
  return useQuery({ queryKey: billingKeys.invoice(invoiceId ?? ''), queryFn: () => api<Invoice>(`/api/billing/invoices/${encodeURIComponent(invoiceId!)}`), enabled: Boolean(invoiceId) });
}

export function useRetryPayment() {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (invoiceId: string) => api<PaymentRetry>(`/api/billing/invoices/${encodeURIComponent(invoiceId)}/retry`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function downloadInvoicePdf(invoice: { id: string; number: string }) {
  return downloadFile(`/api/billing/invoices/${encodeURIComponent(invoice.id)}/pdf`, { filename: `argus-invoice-${invoice.number}.pdf`, accept: 'application/pdf' });
}

export function usePaymentMethods(workspaceId: string | undefined) {
  return useQuery({
    queryKey: billingKeys.paymentMethods(workspaceId ?? ''),
    queryFn: () => api<PaymentMethodList>('/api/billing/payment-methods', { query: { workspaceId } }),
    enabled: Boolean(workspaceId),
  });
}

export function useCreateSetupIntent(workspaceId: string) {
  return useMutation({ mutationFn: () => api<SetupIntent>('/api/billing/setup-intents', { method: 'POST', body: { workspaceId } }) });
}

export function useSavePaymentMethod(workspaceId: string) {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (paymentMethodId: string) => api<PaymentMethod>('/api/billing/payment-methods', { method: 'POST', body: { workspaceId, paymentMethodId, makeDefault: true } }),
    onSuccess: invalidate,
  });
}

export function useMakeDefaultPaymentMethod() {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (id: string) => api<PaymentMethod>(`/api/billing/payment-methods/${encodeURIComponent(id)}/default`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useRemovePaymentMethod() {
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/billing/payment-methods/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function formatMoney(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

export function formatLimit(limit: number | null | undefined, noun: string): string {
  return limit === null || limit === undefined ? `Unlimited ${noun}` : `${limit.toLocaleString('en-US')} ${noun}`;
}

import type { InvoiceStatus, Subscription } from '../api/types';
import { Badge, type Tone } from '../ui/Badge';

const invoiceTones: Record<InvoiceStatus, Tone> = { draft: 'gray', sent: 'blue', paid: 'green', failed: 'red', refunded: 'amber' };
const invoiceLabels: Record<InvoiceStatus, string> = { draft: 'Draft', sent: 'Due', paid: 'Paid', failed: 'Payment failed', refunded: 'Refunded' };

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <Badge tone={invoiceTones[status]}>{invoiceLabels[status]}</Badge>;
}

const subscriptionTones: Record<Subscription['status'], Tone> = { trial: 'indigo', active: 'green', past_due: 'red', cancelled: 'gray' };
const subscriptionLabels: Record<Subscription['status'], string> = { trial: 'Trial', active: 'Active', past_due: 'Past due', cancelled: 'Cancelled' };

export function SubscriptionStatusBadge({ status }: { status: Subscription['status'] }) {
  return <Badge tone={subscriptionTones[status]}>{subscriptionLabels[status]}</Badge>;
}

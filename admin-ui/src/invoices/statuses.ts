import type { ChipProps } from '@mui/material';

export const invoiceStatusColors: Record<string, ChipProps['color']> = {
  draft: 'default',
  sent: 'info',
  paid: 'success',
  failed: 'error',
  refunded: 'warning',
};

export const subscriptionStatusColors: Record<string, ChipProps['color']> = {
  trial: 'info',
  active: 'success',
  past_due: 'error',
  cancelled: 'default',
};

/** Integer cents as dollars. */
export const money = (cents: unknown) => (typeof cents === 'number' ? new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100) : '');

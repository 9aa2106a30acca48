import type { ChipProps } from '@mui/material';

export const outboxStatusColors: Record<string, ChipProps['color']> = {
  pending: 'warning',
  sent: 'success',
  failed: 'error',
  kept: 'default',
};

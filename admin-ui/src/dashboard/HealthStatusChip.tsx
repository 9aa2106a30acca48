import { Chip } from '@mui/material';
import type { ChipProps } from '@mui/material';

const colors: Record<string, ChipProps['color']> = {
  ok: 'success',
  degraded: 'warning',
  unavailable: 'error',
  down: 'error',
  not_configured: 'default',
};

export function HealthStatusChip({ status }: { status: string }) {
  return <Chip size="small" label={status.replace('_', ' ')} color={colors[status] ?? 'default'} />;
}

import { Chip } from '@mui/material';
import type { ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** A coloured chip for an enum column; unknown values render as a plain chip. */
export function StatusChip({ source, colors }: { source: string; label?: string; colors: Record<string, ChipProps['color']> }) {
  const record = useRecordContext();
  const value = record?.[source] as string | null | undefined;
  if (!value) return null;
  return <Chip size="small" label={value} color={colors[value] ?? 'default'} variant="outlined" />;
}

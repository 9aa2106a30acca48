import type { ChipProps } from '@mui/material';

export const levelChoices = [
  { id: 'fatal', name: 'fatal' },
  { id: 'error', name: 'error' },
  { id: 'warn', name: 'warn' },
  { id: 'info', name: 'info' },
  { id: 'debug', name: 'debug' },
];

export const levelColors: Record<string, ChipProps['color']> = {
  fatal: 'error',
  error: 'error',
  warn: 'warning',
  info: 'info',
  debug: 'default',
};

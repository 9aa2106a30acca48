import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** Pretty-prints a JSON column (before/after, context). */
export function JsonField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  if (value === null || value === undefined) {
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1.5, bgcolor: 'grey.100', borderRadius: 1, fontSize: 12, overflow: 'auto', maxHeight: 400, maxWidth: '100%' }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}

/** Monospace block for long text such as stack traces and mail bodies. */
export function PreField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  if (!value) {
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1.5, bgcolor: 'grey.100', borderRadius: 1, fontSize: 12, overflow: 'auto', maxHeight: 500, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {String(value)}
    </Box>
  );
}

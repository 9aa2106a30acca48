import * as Sentry from '@sentry/react';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';

function generateLocalId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The id to quote for a crash: Sentry's event id when reporting is on, a local one (logged) otherwise. */
export function useCrashId(error: unknown, eventId?: string): { id: string; reported: boolean } {
  const reported = Boolean(Sentry.getClient()?.getDsn());
  const [id] = useState(() => {
    const value = reported && eventId ? eventId : generateLocalId();
    if (!reported) console.error(`[argus-admin] unhandled error, reference ${value}`, error);
    return value;
  });
  return { id, reported };
}

export function CrashDetails({ id, reported }: { id: string; reported: boolean }) {
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        Something went wrong
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {reported ? 'The error has been reported. ' : ''}Quote this event id when you ask for help:
      </Typography>
      <Typography variant="overline" component="p" sx={{ mt: 2 }}>
        Event ID
      </Typography>
      <Typography
        component="code"
        data-testid="error-event-id"
        sx={{ display: 'block', fontFamily: 'monospace', bgcolor: 'grey.100', px: 1.5, py: 1, borderRadius: 1, userSelect: 'all' }}
      >
        {id}
      </Typography>
    </>
  );
}

/** Fallback of the outermost Sentry.ErrorBoundary, outside react-admin (no theme or router available). */
export function ErrorFallback({ error, eventId, resetError }: { error: unknown; eventId?: string; resetError?: () => void }) {
  const crash = useCrashId(error, eventId);
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.50', p: 2 }}>
      <Card sx={{ maxWidth: 480, width: '100%' }}>
        <CardContent>
          <CrashDetails {...crash} />
          <Box sx={{ mt: 3, display: 'flex', gap: 1 }}>
            {resetError && (
              <Button variant="outlined" onClick={resetError}>
                Try again
              </Button>
            )}
            <Button variant="contained" href="/">
              Reload console
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}

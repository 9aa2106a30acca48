import * as Sentry from '@sentry/react';
import { Box, Card, CardContent } from '@mui/material';
import { Link, Title } from 'react-admin';
import type { ErrorProps } from 'react-admin';
import { CrashDetails, useCrashId } from '../ErrorFallback';

// StrictMode renders twice; one crash must be one Sentry event.
const reported = new WeakMap<object, string>();

function reportOnce(error: unknown, componentStack: string | undefined): string {
  const key = typeof error === 'object' && error !== null ? error : { error };
  let eventId = reported.get(key);
  if (!eventId) {
    eventId = Sentry.captureException(error, { contexts: { react: { componentStack: componentStack ?? '' } } });
    reported.set(key, eventId);
  }
  return eventId;
}

/**
 * react-admin catches page errors in its own boundary, so they would never reach Sentry.ErrorBoundary.
 * This page reports them and shows the event id like the outer fallback does. react-admin resets it
 * when the location changes.
 */
export function ErrorPage({ error, errorInfo }: ErrorProps) {
  const crash = useCrashId(error, reportOnce(error, errorInfo?.componentStack ?? undefined));

  return (
    <Box sx={{ p: 2 }}>
      <Title title="Error" />
      <Card sx={{ maxWidth: 560 }}>
        <CardContent>
          <CrashDetails {...crash} />
          <Box sx={{ mt: 3 }}>
            <Link to="/">Back to the dashboard</Link>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}

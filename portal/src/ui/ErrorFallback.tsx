import * as Sentry from '@sentry/react';
import { useState } from 'react';
import { Wordmark } from './Wordmark';

function generateLocalId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface ErrorFallbackProps {
  error: unknown;
  eventId?: string;
  resetError?: () => void;
}

/**
 * Rendered by Sentry.ErrorBoundary. The id lets a user quote the crash: with a DSN it is the Sentry
 * event id, without one it is generated here and written to the console so it can still be matched.
 */
export function ErrorFallback({ error, eventId, resetError }: ErrorFallbackProps) {
  const reported = Boolean(Sentry.getClient()?.getDsn());
  const [id] = useState(() => {
    const value = reported && eventId ? eventId : generateLocalId();
    if (!reported) console.error(`[argus] unhandled error, reference ${value}`, error);
    return value;
  });

  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gray-50 px-6">
      <Wordmark className="mb-8 text-lg" />
      <div role="alert" className="w-full max-w-md rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-gray-200">
        <h1 className="text-xl font-semibold text-gray-900">Something went wrong</h1>
        <p className="mt-2 text-sm text-gray-600">
          An unexpected error stopped this page. {reported ? 'It has been reported to our team.' : ''} If you contact
          support, please quote this id:
        </p>
        <p className="mt-4 text-xs font-medium uppercase tracking-wide text-gray-500">Event ID</p>
        <p className="mt-1 select-all rounded-md bg-gray-100 px-3 py-2 font-mono text-sm text-gray-900" data-testid="error-event-id">
          {id}
        </p>
        <div className="mt-6 flex justify-center gap-3">
          {resetError && (
            <button
              type="button"
              onClick={resetError}
              className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50"
            >
              Try again
            </button>
          )}
          <a href="/" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
            Go to dashboard
          </a>
        </div>
      </div>
    </div>
  );
}

import * as Sentry from '@sentry/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorFallback } from './ErrorFallback';
import { loadPublicConfig } from './publicConfig';

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Sentry.ErrorBoundary fallback={({ error, eventId, resetError }) => <ErrorFallback error={error} eventId={eventId} resetError={resetError} />}>
        <App />
      </Sentry.ErrorBoundary>
    </StrictMode>,
  );
}

// Sentry is initialised before the first render so that errors during it are reported too.
void loadPublicConfig().finally(render);

import * as Sentry from '@sentry/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App';
import { initObservability } from './app/observability';
import { createQueryClient } from './app/queryClient';
import { ErrorFallback } from './ui/ErrorFallback';
import './index.css';

const queryClient = createQueryClient();

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Sentry.ErrorBoundary fallback={({ error, eventId, resetError }) => <ErrorFallback error={error} eventId={eventId} resetError={resetError} />}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </Sentry.ErrorBoundary>
    </StrictMode>,
  );
}

// Sentry is initialised before the first render so that errors during it are reported too.
void initObservability().finally(render);

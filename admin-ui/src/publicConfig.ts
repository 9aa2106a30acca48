import * as Sentry from '@sentry/react';
import { useEffect, type FC } from 'react';
import { reactRouterProvider, type RouterProvider, type RouterRoutesProps } from 'react-admin';
import { createRoutesFromChildren, matchRoutes, useLocation, useNavigationType } from 'react-router';
import { recordReplayOnCleanUrlsOnly, scrubBreadcrumb, scrubEvent, scrubRecordingEvent, scrubSpan } from './sentryScrub';

export interface PublicConfig {
  sentryDsn: string | null;
  environment: string | null;
  release: string | null;
  temporalUiUrl: string | null;
  sentrySampleRate?: number;
  sentryTracesSampleRate?: number;
  sentryReplaySampleRate?: number;
  sentryReplayOnErrorSampleRate?: number;
}

let loaded: PublicConfig | null = null;

export function getPublicConfig(): PublicConfig | null {
  return loaded;
}

/**
 * react-admin's own react-router adapter, with its <Routes> instrumented so that each navigation's transaction is
 * named after the route (`/users/:id/show`), not the URL.
 */
export const sentryRouterProvider: RouterProvider = {
  ...reactRouterProvider,
  Routes: Sentry.withSentryReactRouterV7Routing<RouterRoutesProps, FC<RouterRoutesProps>>(reactRouterProvider.Routes as FC<RouterRoutesProps>),
};

function initSentry(config: PublicConfig): void {
  if (!config.sentryDsn) return;
  // Replays show the page's layout and clicks only: every text and input masked, images and media blocked.
  const replay = Sentry.replayIntegration({ maskAllText: true, maskAllInputs: true, blockAllMedia: true, beforeAddRecordingEvent: scrubRecordingEvent });
  const client = Sentry.init({
    dsn: config.sentryDsn,
    environment: config.environment ?? undefined,
    release: config.release ?? undefined,
    sampleRate: config.sentrySampleRate ?? 1,
    tracesSampleRate: config.sentryTracesSampleRate ?? 0,
    replaysSessionSampleRate: config.sentryReplaySampleRate ?? 0,
    replaysOnErrorSampleRate: config.sentryReplayOnErrorSampleRate ?? 0,
    // No IP address or user fields from the SDK itself (the app sets the user id only), no cookies, bodies or queries.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [], urlQueryParams: false },
    integrations: [
      Sentry.reactRouterV7BrowserTracingIntegration({ useEffect, useLocation, useNavigationType, createRoutesFromChildren, matchRoutes }),
    ],
    beforeSend: scrubEvent,
    beforeSendSpan: scrubSpan,
    beforeBreadcrumb: scrubBreadcrumb,
  });
  // Replay events pass no before* hook; they carry the visited URLs.
  Sentry.addEventProcessor((event) => (event.type === 'replay_event' ? scrubEvent(event) : event));
  recordReplayOnCleanUrlsOnly(client, replay);
}

/** Loads /api/public-config and turns on Sentry if the server has a DSN; never blocks boot for long. */
export async function loadPublicConfig(): Promise<void> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 4000);
  try {
    const res = await fetch('/api/public-config', { headers: { Accept: 'application/json' }, signal: controller.signal });
    if (!res.ok) return;
    loaded = (await res.json()) as PublicConfig;
    initSentry(loaded);
  } catch {
    // Without the config the console still works, just without error reporting.
  } finally {
    clearTimeout(timeout);
  }
}

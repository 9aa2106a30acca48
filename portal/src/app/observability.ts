import * as Sentry from '@sentry/react';
import { useEffect } from 'react';
import { createRoutesFromChildren, matchRoutes, Routes, useLocation, useNavigationType } from 'react-router';
import type { PublicConfig } from '../api/types';
import { recordReplayOnCleanUrlsOnly, scrubBreadcrumb, scrubEvent, scrubRecordingEvent, scrubSpan } from './sentryScrub';

/** The Sentry part of GET /api/public-config (the operator's SENTRY_* settings, docs/deploy.md). */
interface SentryBrowserConfig {
  sentryDsn: string | null;
  environment: string | null;
  release: string | null;
  sentrySampleRate?: number;
  sentryTracesSampleRate?: number;
  sentryReplaySampleRate?: number;
  sentryReplayOnErrorSampleRate?: number;
}

/** <Routes> that names each navigation's transaction after its route (`/runs/:runId`), not the URL. */
export const SentryRoutes = Sentry.withSentryReactRouterV7Routing(Routes);

function initSentry(config: SentryBrowserConfig): void {
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

/**
 * Loads the public config and turns on Sentry when the server has a DSN. Boot must not hang or fail
 * because of this, so it gives up after a few seconds and the app runs without error reporting.
 */
export async function initObservability(): Promise<PublicConfig | null> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 4000);
  try {
    const res = await fetch('/api/public-config', { headers: { Accept: 'application/json' }, signal: controller.signal });
    if (!res.ok) return null;
    const config = (await res.json()) as PublicConfig & SentryBrowserConfig;
    initSentry(config);
    return config;
  } catch {
    return null;
  } finally {
    clearTimeout(timeout);
  }
}

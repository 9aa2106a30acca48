import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, migrateToLatest } from '@argus/db';
import { ConfigError, createLogger, createMailer, createMetrics, flushSentry, initSentry, loadConfig, type PlatformConfig } from '@argus/activities';
import { createApp } from './app';
import type { AppDeps } from './app-deps';
import { attachLiveUpdates } from './live/live-updates';
import { answerClientErrorsWithProblems } from './http/client-errors';
import { relayPendingDeliveries } from './webhooks/github-webhooks.service';

export interface RunningApi {
  server: Server;
  deps: AppDeps;
  stop(): Promise<void>;
}

/** Starts the API process: config, Sentry, Postgres (migrated), Temporal client, HTTP. */
export async function startApi(config: PlatformConfig, opts: { port?: number; host?: string; migrate?: boolean } = {}): Promise<RunningApi> {
  const { logger, attachSystemLog } = createLogger({ level: config.LOG_LEVEL, component: 'api' });
  initSentry(config, 'api');
  if (opts.migrate ?? true) await ensureDatabase(config.databaseUrl);
  // No API query legitimately runs for a minute; one that does is stuck on a connection Postgres dropped.
  const knex = createKnex({ connectionString: config.databaseUrl, applicationName: 'argus-api', queryTimeoutMs: 60_000 });
  if (opts.migrate ?? true) {
    const applied = await migrateToLatest(knex);
    if (applied.length) logger.info({ applied }, 'database migrated');
  }
  const systemLog = attachSystemLog(knex, { maxPerMinute: config.SYSTEM_LOG_MAX_PER_MINUTE });
  // Connection.lazy lets the API start (and /readyz report it) while Temporal is still coming up.
  // After Temporal restarts, gRPC's default reconnect backoff grows to two minutes; webhook starts and the relay
  // need the server back within seconds, so the backoff is capped at 3 s.
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 3000 },
  });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const deps: AppDeps = {
    config,
    knex,
    temporal,
    logger,
    metrics: createMetrics('api'),
    mailer: createMailer({ knex, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
  };
  const app = createApp(deps);
  const port = opts.port ?? config.API_PORT;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, opts.host ?? config.HOST, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} (API_PORT) is already in use. Stop the other process or set API_PORT.`) : err),
    );
  });
  answerClientErrorsWithProblems(server);
  // Node closes idle keep-alive connections after 5 s; a client or load balancer that reuses one at that moment gets
  // a reset (a 502 at the balancer). Idle connections are kept longer than balancers' usual 60 s instead.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const live = await attachLiveUpdates(server, deps);
  // Deliveries recorded while Temporal was down become workflows as soon as it answers again.
  let relaying = false;
  const relay = setInterval(() => {
    if (relaying) return;
    relaying = true;
    // A round that hangs (a connection lost mid-transaction) must not stop the relay for good: after 30 s the next
    // round starts anyway; rows the hung round had claimed are unlocked when its connection is gone.
    let watchdog: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      watchdog = setTimeout(() => reject(new Error('webhook relay round took over 30 s; starting a new one')), 30_000);
    });
    Promise.race([relayPendingDeliveries(deps), hung])
      .catch((err) => logger.warn({ err }, 'webhook relay failed'))
      .finally(() => {
        clearTimeout(watchdog);
        relaying = false;
      });
  }, 1000);
  relay.unref();
  logger.info({ port: (server.address() as { port: number }).port }, 'api listening');
  return {
    server,
    deps,
    async stop() {
      clearInterval(relay);
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await systemLog.stop();
      await connection.close();
      await flushSentry();
      await knex.destroy();
    },
  };
}

// Run directly: `node --import tsx api/src/server.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  let config: PlatformConfig;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  startApi(config).then(
    (api) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void api.stop().then(() => process.exit(0));
        });
      }
    },
    (err) => {
      console.error(`api failed to start: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

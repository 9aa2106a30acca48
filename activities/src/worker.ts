import http from 'node:http';
import { createKnex, setSearchOutboxEnabled } from '@argus/db';
import { createArgusWorker } from './worker/create-worker';
import { ensureWorkerSchedules } from './worker/schedules';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { createMetrics } from './platform/metrics';
import { flushSentry, initSentry } from './platform/sentry';
import { reencryptSecrets } from './platform/reencrypt';
import { createSecretBox } from './platform/secrets';

// The worker process: hosts workflows and activities, and serves /metrics and /healthz for ops.
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { logger, attachSystemLog } = createLogger({ level: config.LOG_LEVEL, component: 'worker' });
  initSentry(config, 'worker');
  const knex = createKnex({ connectionString: config.databaseUrl, applicationName: 'argus-worker' });
  const systemLog = attachSystemLog(knex, { maxPerMinute: config.SYSTEM_LOG_MAX_PER_MINUTE });
  const metrics = createMetrics('worker');

  const { worker, connection } = await createArgusWorker({
    config,
    knex,
    logger,
    metrics,
  });

  const server = http.createServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.setHeader('content-type', metrics.registry.contentType);
      res.end(await metrics.registry.metrics());
    } else if (req.url === '/healthz') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: worker.getState() === 'RUNNING' ? 'ok' : worker.getState().toLowerCase() }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.error({ err }, err.code === 'EADDRINUSE' ? `port ${config.WORKER_METRICS_PORT} (WORKER_METRICS_PORT) is already in use` : 'metrics server failed');
    worker.shutdown();
  });
  server.listen(config.WORKER_METRICS_PORT, config.WORKER_METRICS_HOST);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received, draining worker`);
      worker.shutdown();
    });
  }
  // The search outbox fills only while Typesense is the backend (issue 14).
  await setSearchOutboxEnabled(knex, Boolean(config.TYPESENSE_URL));
  await ensureWorkerSchedules(config, logger);
  // After a key rotation, stored secrets move to the active key in the background (idempotent, compare-and-set).
  void reencryptSecrets(knex, createSecretBox(config.encryptionKeys, config.activeEncryptionKeyId))
    .then((r) => r.reencrypted && logger.info(r, 're-encrypted stored secrets with the active key'))
    .catch((err) => logger.warn({ err }, 're-encrypting stored secrets failed; it is retried at the next start'));
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker started');
  await worker.run();
  server.close();
  await systemLog.stop();
  await flushSentry();
  await connection.close();
  await knex.destroy();
  logger.info('worker stopped');
}

main().catch((err) => {
  console.error('worker failed:', err);
  process.exit(1);
});

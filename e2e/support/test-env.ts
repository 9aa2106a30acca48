import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createKnex, type Knex } from '@argus/db';
import { createLogger, createMailer, createMetrics, loadConfig, type PlatformConfig } from '@argus/activities';
import { createArgusWorker } from '@argus/activities/worker';
import { bundleArgusWorkflows } from '../../activities/src/worker/create-worker';
import { createApp } from '../../api/src/app';
import type { AppDeps } from '../../api/src/app-deps';
import { ephemeralSecrets } from '../../scripts/lib/installation-secrets';

export interface TestEnv {
  config: PlatformConfig;
  knex: Knex;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  temporal: Client;
  taskQueue: string;
  /** Starts a real worker on this file's task queue (bundling the workflows once per file). */
  startWorker(): Promise<Worker>;
  close(): Promise<void>;
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** A fresh database cloned from the migrated template, the run's Temporal server and the real app. */
export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const database = `argus_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`create database "${database}" template "${inject('templateDatabase')}"`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${database}`;
  const taskQueue = `test-${database}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    // Unlimited plan for tests that are not about billing; billing tests pass BILLING_DEFAULT_TIER: 'free'.
    BILLING_DEFAULT_TIER: 'enterprise',
    ...ephemeralSecrets(),
    ...env,
  });
  const knex = createKnex({ connectionString: config.databaseUrl, poolMax: 5 });
  const { logger } = createLogger({ level: config.LOG_LEVEL, component: 'test' });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const metrics = createMetrics('api');
  const deps: AppDeps = { config, knex, temporal, logger, metrics, mailer: createMailer({ knex, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }) };
  const app = createApp(deps);
  const workers: { worker: Worker; run: Promise<void>; close: () => Promise<void> }[] = [];

  return {
    config,
    knex,
    deps,
    app,
    temporal,
    taskQueue,
    async startWorker() {
      bundle ??= bundleArgusWorkflows();
      const { worker, connection: workerConnection } = await createArgusWorker({
        config: config,
        taskQueue,
        knex,
        logger,
        metrics: createMetrics('worker'),
        workflowBundle: await bundle,
      });
      workers.push({ worker, run: worker.run(), close: () => workerConnection.close() });
      return worker;
    },
    async close() {
      for (const w of workers) {
        if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
        await w.run.catch(() => {});
        await w.close();
      }
      await connection.close();
      await knex.destroy();
      await adminQuery(`drop database if exists "${database}" with (force)`);
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, insertUser, invoiceCounts, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMetrics, loadConfig } from '@argus/activities';
import { createArgusWorker } from '@argus/activities/worker';
import { seedDueSubscriptions } from '../e2e/support/billing';
import { freePort } from '../scripts/lib/processes';
import { startTemporalDevServer } from '../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:invoicing`: 10,000 subscriptions whose period just ended, each with metered usage (every 50th one
// over its allowance), invoiced by one run of the invoicing workflow on a real worker, Postgres and Temporal; then
// the run is repeated, which must create nothing. Last line:
// invoicing_subscriptions=10000 seconds=… invoices=10000 rerun_new_invoices=0
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-invoicing-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: ['default'], quiet: true });
const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'bench-invoicing', STRIPE_SECRET_KEY: '' });
await ensureDatabase(config.databaseUrl);
const knex = createKnex({ connectionString: config.databaseUrl, poolMax: 12 });
await migrateToLatest(knex);

const owner = await insertUser(knex, { email: 'bench@example.test', name: 'Bench', passwordHash: 'x' });
const seeding = performance.now();
await seedDueSubscriptions(knex, { ownerId: owner.id, count: SUBSCRIPTIONS, usage: 3, heavyEvery: 50, heavyUsage: 520, tag: 'bench' });
await knex.raw('analyze');
console.log(`seeded ${SUBSCRIPTIONS} subscriptions with usage in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

const { logger } = createLogger({ level: 'warn', component: 'bench' });
const { worker, connection } = await createArgusWorker({ config, knex, logger, metrics: createMetrics('worker') });
const running = worker.run();
const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'default' });

const input = { batchSize: 500, concurrency: 10 };
const started = performance.now();
const first = await client.workflow.execute('invoiceDueSubscriptions', { taskQueue: 'bench-invoicing', workflowId: `bench-invoicing-${randomUUID()}`, args: [input] });
const seconds = (performance.now() - started) / 1000;
const rerun = await client.workflow.execute('invoiceDueSubscriptions', { taskQueue: 'bench-invoicing', workflowId: `bench-invoicing-rerun-${randomUUID()}`, args: [input] });
const counts = await invoiceCounts(knex);
console.log(`first run: ${first.invoicesCreated} invoices, ${first.announced} announced; rerun: ${rerun.invoicesCreated} new; duplicate periods: ${counts.duplicatePeriods}`);

worker.shutdown();
await running;
await connection.close();
await knex.destroy();
await temporal.stop();
await pg.stop();
await rm(tmp, { recursive: true, force: true });
console.log(`invoicing_subscriptions=${SUBSCRIPTIONS} seconds=${seconds.toFixed(1)} invoices=${counts.invoices} rerun_new_invoices=${rerun.invoicesCreated}`);

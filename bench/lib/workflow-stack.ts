import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, insertRepository, insertUser, insertWorkspaceWithOwner, migrateToLatest, startEmbeddedPostgres, type Knex } from '@argus/db';
import { createLogger, createMetrics, loadConfig } from '@argus/activities';
import { createArgusWorker } from '@argus/activities/worker';
import { freePort } from '../../scripts/lib/processes';
import { startTemporalDevServer } from '../../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../../scripts/lib/installation-secrets';

/**
 * What the analysis benchmarks run on: an embedded Postgres, a Temporal dev server, a real worker on `taskQueue`,
 * a Temporal client, and one workspace with `repoDir` connected as its repository.
 */
export async function startWorkflowStack(opts: { tmp: string; taskQueue: string; repoDir: string; repoName: string }) {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(opts.tmp, 'pg'), port: await freePort(), persistent: false });
  const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: ['default'], quiet: true });
  const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: opts.taskQueue, ARGUS_ALLOW_PRIVATE_GIT: '1' });
  await ensureDatabase(config.databaseUrl);
  const knex: Knex = createKnex({ connectionString: config.databaseUrl });
  await migrateToLatest(knex);
  const { logger } = createLogger({ level: 'warn', component: 'bench' });
  const { worker, connection } = await createArgusWorker({ config, knex, logger, metrics: createMetrics('worker') });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'default' });
  const user = await insertUser(knex, { email: 'bench@example.test', name: 'Bench', passwordHash: 'x' });
  const ws = await insertWorkspaceWithOwner(knex, { name: 'Bench', slug: 'bench', kind: 'team', ownerId: user.id });
  const repo = await insertRepository(knex, { workspaceId: ws.id, provider: 'git', fullName: opts.repoName, cloneUrl: `file://${opts.repoDir}` });
  return {
    knex,
    client,
    repositoryId: repo.id,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await knex.destroy();
      await temporal.stop();
      await pg.stop();
    },
  };
}

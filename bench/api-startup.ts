import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, createKnex, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { freePort, nodeTsArgs, startProcess, waitForHttp } from '../scripts/lib/processes';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';

// `npm run bench:api-startup`: how long the API process takes to answer /healthz, and its resident memory
// once it is up. The API must not load the analyzers (ESLint, ast-grep, ruff-wasm, LLM SDKs, the Temporal
// worker); this shows whether it does. Temporal is not started: the API connects lazily.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-startup-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
const databaseUrl = pg.connectionString('argus');
await ensureDatabase(databaseUrl);
const knex = createKnex({ connectionString: databaseUrl });
await migrateToLatest(knex);
await knex.destroy();

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const startMs: number[] = [];
const rss: number[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const port = await freePort();
    const started = performance.now();
    const api = startProcess('api', process.execPath, nodeTsArgs('api/src/server.ts'), {
      quiet: true,
      env: { ...process.env, ...ephemeralSecrets(), NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1', API_PORT: String(port) },
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, (s) => s === 200);
    startMs.push(performance.now() - started);
    // Let lazy start-up work settle before reading memory.
    await new Promise((r) => setTimeout(r, 1500));
    rss.push(await rssMb(api.child.pid!));
    await api.stop();
  }
} finally {
  await pg.stop();
  await rm(tmp, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`api_start_ms=${median(startMs).toFixed(0)} api_rss_mb=${median(rss).toFixed(1)} rounds=${ROUNDS}`);

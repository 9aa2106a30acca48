import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, createKnex, migrateToLatest, startEmbeddedPostgres } from '@argus/db';
import { freePort, startProcess, waitForHttp } from '../scripts/lib/processes';
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

// BENCH_COMPARE_WITH=<checkout of another commit, with node_modules>: the same measurement of that tree,
// alternating round by round with this one, so the noisy machine affects both alike.
const trees: { label: string; cwd: string; startMs: number[]; rss: number[] }[] = [{ label: 'api', cwd: process.cwd(), startMs: [], rss: [] }];
if (process.env.BENCH_COMPARE_WITH) trees.push({ label: 'before', cwd: path.resolve(process.env.BENCH_COMPARE_WITH), startMs: [], rss: [] });
try {
  for (let i = 0; i < ROUNDS; i++) {
    for (const tree of trees) {
      const port = await freePort();
      const started = performance.now();
      const api = startProcess('api', process.execPath, ['--import', 'tsx', path.join(tree.cwd, 'api/src/server.ts')], {
        quiet: true,
        cwd: tree.cwd,
        env: { ...process.env, ...ephemeralSecrets(), NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1', API_PORT: String(port) },
      });
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 240_000, (s) => s === 200);
      tree.startMs.push(performance.now() - started);
      // Let lazy start-up work settle before reading memory.
      await new Promise((r) => setTimeout(r, 1500));
      tree.rss.push(await rssMb(api.child.pid!));
      await api.stop();
    }
  }
} finally {
  await pg.stop();
  await rm(tmp, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [now, before] = trees;
const compare = before ? ` before_start_ms=${median(before.startMs).toFixed(0)} before_rss_mb=${median(before.rss).toFixed(1)} start_ratio=${(median(now!.startMs) / median(before.startMs)).toFixed(2)} rss_ratio=${(median(now!.rss) / median(before.rss)).toFixed(2)}` : '';
console.log(`api_start_ms=${median(now!.startMs).toFixed(0)} api_rss_mb=${median(now!.rss).toFixed(1)}${compare} rounds=${ROUNDS}`);

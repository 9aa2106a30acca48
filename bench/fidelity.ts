import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createKnex, ensureDatabase, findingsOfRunWithTriage, insertRepository, insertUser, insertWorkspaceWithOwner, migrateToLatest, newOpenFindingsOfRun, startEmbeddedPostgres } from '@argus/db';
import { createLogger, createMetrics, loadConfig } from '@argus/activities';
import { createArgusWorker } from '@argus/activities/worker';
import { freePort, ROOT } from '../scripts/lib/processes';
import { startTemporalDevServer } from '../scripts/lib/temporal-server';
import { ephemeralSecrets } from '../scripts/lib/installation-secrets';
import { CORPORA, corpusDir, corporaRoot, matchKnown, isTestLikePath, type FidelityFinding, type KnownList } from './fidelity/match';

// `npm run bench:fidelity`: the real analyzeRepository workflow (embedded Postgres, Temporal dev server, the worker)
// on public, deliberately vulnerable applications pinned by commit, against a checked-in list of their known issues
// (bench/fidelity/<corpus>.known.json). Nothing is downloaded at run time: each corpus is read from
// $ARGUS_CORPORA_DIR (default ~/.cache/argus/corpora)/<name>@<sha>; the bench says how to fill it when it is absent.
//
// Each corpus is analysed as the second commit of a repository whose first commit is empty, so the first run is the
// baseline and every finding of the corpus is new: the quality gate then sees all of them, and
// test_code_findings_in_gate counts the gate's findings in files that look like tests by the bench's own path rules
// (independent of Argus's classifier).
//
// Options: `-- <corpus>…` limits the corpora; ARGUS_FIDELITY_DUMP=<dir> (default ~/.cache/argus/fidelity) receives
// each corpus's stored findings as JSON; `--from-dump` re-matches the last dump without analysing (for editing the
// known lists; its lines say so). `--sample N` prints N findings drawn with a fixed seed for hand classification.
// Exit 1 when a target is missed (recall < 80 % on a corpus, or a test-code finding in the gate), 2 when a corpus is
// missing from the cache.

const run = promisify(execFile);
const args = process.argv.slice(2);
const fromDump = args.includes('--from-dump');
const sampleAt = args.indexOf('--sample');
const sampleSize = sampleAt >= 0 ? Number(args[sampleAt + 1] ?? 30) : 0;
const only = args.filter((a, i) => !a.startsWith('--') && !(sampleAt >= 0 && i === sampleAt + 1));
const corpora = CORPORA.filter((c) => only.length === 0 || only.includes(c.name));
const dumpDir = process.env.ARGUS_FIDELITY_DUMP ?? path.join(os.homedir(), '.cache', 'argus', 'fidelity');

const missing = corpora.filter((c) => !existsSync(corpusDir(c)));
if (missing.length > 0 && !fromDump) {
  console.error(`bench:fidelity: ${missing.length} corpus(es) missing from ${corporaRoot()} (set ARGUS_CORPORA_DIR to use another cache).`);
  console.error('The bench never downloads. Populate the cache once, outside the clone, with:');
  for (const c of missing) {
    const dir = corpusDir(c);
    console.error(`  git clone --filter=blob:none https://github.com/${c.repo}.git ${dir}.git-tmp && git -C ${dir}.git-tmp checkout -q ${c.sha} \\`);
    console.error(`    && mkdir -p ${dir} && git -C ${dir}.git-tmp archive ${c.sha} | tar -x -C ${dir} && rm -rf ${dir}.git-tmp`);
  }
  process.exit(2);
}

async function analyzeThroughWorkflow(): Promise<Map<string, { findings: FidelityFinding[]; gate: FidelityFinding[]; files: number; seconds: number }>> {
  const out = new Map<string, { findings: FidelityFinding[]; gate: FidelityFinding[]; files: number; seconds: number }>();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'argus-bench-fidelity-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
  const temporal = await startTemporalDevServer({ port: await freePort(), namespaces: ['default'], quiet: true });
  const config = loadConfig({ ...process.env, ...ephemeralSecrets(), NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: pg.connectionString('argus'), TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'bench-fidelity', ARGUS_ALLOW_PRIVATE_GIT: '1' });
  await ensureDatabase(config.databaseUrl);
  const knex = createKnex({ connectionString: config.databaseUrl });
  try {
    await migrateToLatest(knex);
    const { logger } = createLogger({ level: 'warn', component: 'bench' });
    const { worker, connection } = await createArgusWorker({ config, knex, logger, metrics: createMetrics('worker') });
    const running = worker.run();
    const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: 'default' });
    const user = await insertUser(knex, { email: 'fidelity@example.test', name: 'Fidelity', passwordHash: 'x' });
    const ws = await insertWorkspaceWithOwner(knex, { name: 'Fidelity', slug: 'fidelity', kind: 'team', ownerId: user.id });
    try {
      for (const corpus of corpora) {
        const repoDir = path.join(tmp, corpus.name);
        const git = (...a: string[]) => run('git', ['-c', 'user.email=b@example.test', '-c', 'user.name=Bench', ...a], { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 });
        await mkdir(repoDir, { recursive: true });
        await git('init', '-q', '-b', 'main');
        await git('commit', '-q', '--allow-empty', '-m', 'empty baseline');
        const repo = await insertRepository(knex, { workspaceId: ws.id, provider: 'git', fullName: `corpus/${corpus.name}`, cloneUrl: `file://${repoDir}` });
        const analyze = async () => {
          const runId = randomUUID();
          await client.workflow.execute('analyzeRepository', { taskQueue: 'bench-fidelity', workflowId: `fidelity-${runId}`, args: [{ runId, trigger: 'manual', repositoryId: repo.id }] });
          return runId;
        };
        await analyze();
        const source = corpusDir(corpus);
        for (const entry of await readdir(source)) {
          if (entry === '.git' || entry === 'node_modules') continue;
          await cp(path.join(source, entry), path.join(repoDir, entry), { recursive: true, filter: (p) => !p.split(path.sep).includes('node_modules') });
        }
        await git('add', '-A');
        await git('commit', '-qm', `${corpus.name} at ${corpus.sha}`);
        const started = performance.now();
        const runId = await analyze();
        const seconds = (performance.now() - started) / 1000;
        const toFinding = (f: { tool: string; ruleId: string; severity: string; category: string; path: string; startLine: number; endLine: number; cwe: string[]; fileRole: string; message: string; snippet: string; suppressionKind: string | null }): FidelityFinding => ({
          tool: f.tool,
          ruleId: f.ruleId,
          severity: f.severity,
          category: f.category,
          path: f.path,
          startLine: f.startLine,
          endLine: f.endLine,
          cwe: f.cwe,
          fileRole: f.fileRole,
          message: f.message.slice(0, 300),
          snippet: f.snippet.slice(0, 200),
          suppressed: f.suppressionKind !== null,
        });
        const findings = (await findingsOfRunWithTriage(knex, runId)).map(toFinding);
        const gate = (await newOpenFindingsOfRun(knex, runId)).map(toFinding);
        const { stdout } = await git('ls-files');
        out.set(corpus.name, { findings, gate, files: stdout.split('\n').filter(Boolean).length, seconds });
        await mkdir(dumpDir, { recursive: true });
        await writeFile(path.join(dumpDir, `${corpus.name}.findings.json`), JSON.stringify({ sha: corpus.sha, files: out.get(corpus.name)!.files, seconds, findings, gate }, null, 1));
        await rm(repoDir, { recursive: true, force: true });
      }
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
    }
  } finally {
    await knex.destroy();
    await temporal.stop();
    await pg.stop();
    await rm(tmp, { recursive: true, force: true });
  }
  return out;
}

async function loadDump() {
  const out = new Map<string, { findings: FidelityFinding[]; gate: FidelityFinding[]; files: number; seconds: number }>();
  for (const c of corpora) out.set(c.name, JSON.parse(await readFile(path.join(dumpDir, `${c.name}.findings.json`), 'utf8')));
  return out;
}

const results = fromDump ? await loadDump() : await analyzeThroughWorkflow();
let known = 0;
let found = 0;
let findingsTotal = 0;
let testInGate = 0;
let missed = false;
for (const corpus of corpora) {
  const list = JSON.parse(await readFile(path.join(ROOT, 'bench', 'fidelity', `${corpus.name}.known.json`), 'utf8')) as KnownList;
  if (list.sha !== corpus.sha) throw new Error(`bench/fidelity/${corpus.name}.known.json is for ${list.sha}, the bench pins ${corpus.sha}`);
  const r = results.get(corpus.name)!;
  const match = matchKnown(list.issues, r.findings);
  const inGate = r.gate.filter((f) => isTestLikePath(f.path)).length;
  const recall = match.found.length / list.issues.length;
  known += list.issues.length;
  found += match.found.length;
  findingsTotal += r.findings.length;
  testInGate += inGate;
  if (recall < 0.8 || inGate > 0) missed = true;
  if (process.env.ARGUS_FIDELITY_VERBOSE) for (const m of match.missed) console.log(`  missed ${corpus.name} ${m.id} ${m.file}:${m.lines.join('-')} ${m.cwe.join(',')} ${m.title}`);
  console.log(
    `corpus=${corpus.name}@${corpus.sha.slice(0, 12)} files=${r.files} known=${list.issues.length} found=${match.found.length} recall=${(recall * 100).toFixed(1)}% findings=${r.findings.length} production_findings=${r.findings.filter((f) => f.fileRole === 'production').length} gate_findings=${r.gate.length} test_code_findings_in_gate=${inGate} analysis_s=${Number(r.seconds).toFixed(1)}${fromDump ? ' (from dump, not a fresh run)' : ''}`,
  );
}

if (sampleSize > 0) {
  // A seeded draw over every stored production finding of the corpora (what the portal lists by default).
  const pool = [...results.entries()].flatMap(([name, r]) => r.findings.filter((f) => f.fileRole === 'production' && !f.suppressed).map((f) => ({ corpus: name, ...f })));
  const keyed = pool.map((f) => ({ f, k: createHash('sha256').update(`fidelity-sample-1|${f.corpus}|${f.path}|${f.startLine}|${f.ruleId}`).digest('hex') }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : 1));
  for (const { f } of keyed.slice(0, sampleSize)) console.log(`sample ${f.corpus} ${f.path}:${f.startLine} ${f.ruleId} [${f.severity}] ${f.message.replace(/\s+/g, ' ').slice(0, 140)}`);
}

console.log(`fidelity_known=${known} found=${found} recall=${((found / Math.max(known, 1)) * 100).toFixed(1)}% findings=${findingsTotal} test_code_findings_in_gate=${testInGate}`);
process.exit(missed ? 1 : 0);

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PinnedTool {
  name: 'temporal' | 'stripe-mock';
  version: string;
  module: string;
  /** Extra env for `go install` (the Temporal CLI must build without cgo and with the local toolchain). */
  env?: Record<string, string>;
}

export const TEMPORAL_CLI: PinnedTool = {
  name: 'temporal',
  version: '1.5.1',
  module: 'github.com/temporalio/cli/cmd/temporal',
  env: { GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
};
export const STRIPE_MOCK: PinnedTool = { name: 'stripe-mock', version: '0.197.0', module: 'github.com/stripe/stripe-mock' };

const TOOL_CACHE = process.env.ARGUS_TOOL_CACHE ?? path.join(os.homedir(), '.cache', 'argus', 'bin');

async function which(cmd: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Go-built binaries carry their module version; `go version -m` reads it without running the tool. */
async function moduleVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['version', '-m', binary]);
    return /\tmod\t\S+\tv(\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

async function pathBinaryIsPinned(tool: PinnedTool, binary: string): Promise<boolean> {
  if ((await moduleVersion(binary)) === tool.version) return true;
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 5000 });
    return new RegExp(`\\b${tool.version.replace(/\./g, '\\.')}\\b`).test(stdout);
  } catch {
    return false;
  }
}

async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the pinned binary: on PATH if it is the pinned version, else in the cache outside the clone,
 * else builds it once from the Go module proxy. Returns undefined when there is no Go to build with.
 */
export async function ensureTool(tool: PinnedTool, log: (line: string) => void = console.log): Promise<string | undefined> {
  const onPath = await which(tool.name);
  if (onPath && (await pathBinaryIsPinned(tool, onPath))) return onPath;
  const cached = path.join(TOOL_CACHE, `${tool.name}-${tool.version}`);
  if (existsSync(cached)) return cached;
  if (!(await hasGo())) return undefined;

  await mkdir(TOOL_CACHE, { recursive: true });
  const gobin = await mkdtemp(path.join(TOOL_CACHE, `.build-${tool.name}-`));
  log(`[toolchain] building ${tool.name} v${tool.version} from the Go module proxy into ${TOOL_CACHE}`);
  log('[toolchain] this happens once per machine and takes a few minutes…');
  const started = Date.now();
  const ticker = setInterval(() => log(`[toolchain] still building ${tool.name} (${Math.round((Date.now() - started) / 1000)} s)…`), 30_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('go', ['install', `${tool.module}@v${tool.version}`], {
        env: { ...process.env, ...tool.env, GOBIN: gobin },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install ${tool.module} failed (exit ${code}):\n${stderr.slice(-2000)}`))));
    });
    const built = path.join(gobin, path.basename(tool.module));
    await rename(built, cached);
    log(`[toolchain] ${tool.name} ready after ${Math.round((Date.now() - started) / 1000)} s`);
    return cached;
  } finally {
    clearInterval(ticker);
    await rm(gobin, { recursive: true, force: true });
  }
}

// `npm run toolchain`: build both pinned tools ahead of time.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const tool of [TEMPORAL_CLI, STRIPE_MOCK]) {
    const bin = await ensureTool(tool);
    console.log(bin ? `${tool.name} ${tool.version}: ${bin}` : `${tool.name}: Go is not installed; the Temporal SDK's own download is the fallback`);
  }
}

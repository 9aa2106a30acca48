import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureTool, TEMPORAL_CLI } from './toolchain';
import { startProcess, waitForPort, type ManagedProcess } from './processes';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` from the pinned CLI. Without Go (and so without a built CLI) it falls
 * back to the Temporal SDK's own download, which needs internet.
 */
export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  /**
   * With dbFile: WAL and synchronous=normal, so a commit is not an fsync. Survives the server being killed (only a
   * machine crash may lose the last commits); on a busy disk it takes ~5× the workflow starts a second.
   */
  walSync?: boolean;
  namespaces?: string[];
  log?: (line: string) => void;
  quiet?: boolean;
}): Promise<TemporalDevServer> {
  const binary = await ensureTool(TEMPORAL_CLI, opts.log);
  const namespaces = opts.namespaces ?? ['default'];
  if (!binary) {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    opts.log?.('[temporal] no Go toolchain: downloading the Temporal CLI through the SDK');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: opts.port,
        ui: opts.uiPort !== undefined,
        uiPort: opts.uiPort,
        dbFilename: opts.dbFile,
        namespace: namespaces[0],
        extraArgs: [...namespaces.slice(1).flatMap((n) => ['--namespace', n]), ...(opts.dbFile && opts.walSync ? ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'] : [])],
      },
    });
    return { address: `127.0.0.1:${opts.port}`, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'error', '--log-format', 'json'];
  args.push(...(opts.uiPort !== undefined ? ['--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1'] : ['--headless']));
  if (opts.dbFile) {
    await mkdir(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    if (opts.walSync) args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  for (const ns of namespaces) args.push('--namespace', ns);
  args.push('--dynamic-config-value', 'frontend.enableServerVersionCheck=false');
  const proc: ManagedProcess = startProcess('temporal', binary, args, { quiet: opts.quiet });
  const failed = proc.exited.then((code) => {
    throw new Error(`temporal server exited early (code ${code})`);
  });
  await Promise.race([waitForPort(opts.port, 60_000), failed]);
  if (opts.uiPort !== undefined) await Promise.race([waitForPort(opts.uiPort, 60_000), failed]);
  failed.catch(() => {});
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : null,
    stop: () => proc.stop(),
  };
}

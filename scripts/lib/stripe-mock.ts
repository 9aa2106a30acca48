import { ensureTool, STRIPE_MOCK } from './toolchain';
import { startProcess, waitForPort, type ManagedProcess } from './processes';

export interface StripeMockServer {
  /** For STRIPE_API_BASE. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the pinned stripe-mock (Stripe's own API mock: it validates every request against Stripe's OpenAPI spec
 * and answers canned objects, keeping no state). Answers null when there is no binary and no Go to build one.
 */
export async function startStripeMock(opts: { port: number; log?: (line: string) => void; quiet?: boolean }): Promise<StripeMockServer | null> {
  const binary = await ensureTool(STRIPE_MOCK, opts.log);
  if (!binary) return null;
  // Without -https-addr it also binds HTTPS on :12112, so a second instance (two test runs at once) exits at once.
  const proc: ManagedProcess = startProcess('stripe', binary, ['-http-addr', `127.0.0.1:${opts.port}`, '-https-addr', '127.0.0.1:'], { quiet: opts.quiet });
  const failed = proc.exited.then((code) => {
    throw new Error(`stripe-mock exited early (code ${code})`);
  });
  await Promise.race([waitForPort(opts.port, 30_000), failed]);
  failed.catch(() => {});
  return { url: `http://127.0.0.1:${opts.port}`, stop: () => proc.stop() };
}

import path from 'node:path';
import { ConfigError } from '@argus/activities';
import { DEMO_LOGIN } from '../api/src/seed/demo-seed';
import { ROOT } from './lib/processes';
import { startStack } from './lib/stack';

// `npm start`: the whole platform with demo data. Ctrl-C stops every process it started; data stays in .data/.
const dataDir = path.resolve(ROOT, process.env.ARGUS_DATA_DIR ?? '.data');
try {
  const stack = await startStack({ env: process.env, dataDir });
  const { urls } = stack;
  console.log(`
  Argus is running.

    Portal            ${urls.portal}
    Ops console       ${urls.admin}
    API               ${urls.api}
    API docs          ${urls.docs}
    Temporal UI       ${urls.temporalUi ?? '(external Temporal)'}
    Worker metrics    ${urls.workerMetrics}

    Demo login        ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}   (also super_admin in the console)

  Data: ${dataDir}. Press Ctrl-C to stop.
`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${signal}: stopping every component…`);
    await stack.stop();
    console.log('[start] stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Argus could not start: ${(err as Error).message}`);
  process.exit(1);
}

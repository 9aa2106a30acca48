import { randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples';
import Stripe from 'stripe';
import { countDeliveries, countFindingsOfRun, deliveryStatuses, findingsOfRunWithTriage, invoiceCounts, knownDeliveryIds } from '@argus/db';
import { ChaosStack, githubPush, INTAKE_QUEUE, openLoop, request, STRIPE_WEBHOOK_SECRET, WORK_QUEUE } from './chaos/stack';
import { seedDueSubscriptions } from '../e2e/support/billing';
import { workerSigkillSearchReindex } from './chaos/search-reindex';
import { signAccessToken } from '../api/src/auth/tokens';

// `npm run test:chaos [scenario …]`: faults injected into a real installation on loopback (Postgres, the Temporal
// dev server, the API and worker processes), each scenario bounded in time and ending with one line
// `scenario=… lost=… duplicated=… 5xx=…`. The soak lasts CHAOS_SOAK_SECONDS (600 by default).
const SOAK_SECONDS = Number(process.env.CHAOS_SOAK_SECONDS ?? 600);
const LOAD_RATE = Number(process.env.CHAOS_RATE ?? 100);

const push = structuredClone((examples as { name: string; examples: any[] }[]).find((e) => e.name === 'push')!.examples.find((p) => p.ref === 'refs/heads/master' && !p.deleted));
const pushBody = JSON.stringify(push);
const results: string[] = [];
let failed = false;

function report(line: string, ok: boolean) {
  results.push(line);
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
}

/** Which delivery ids have an analysis workflow in Temporal, and how many each. */
async function workflowsPerDelivery(stack: ChaosStack, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const wf of stack.temporal.workflow.list({ query: `WorkflowType = 'analyzeRepository' AND TaskQueue = '${INTAKE_QUEUE}'` })) {
    counts.set(wf.workflowId, (counts.get(wf.workflowId) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const id of ids) if (counts.has(`analysis-${id}`)) out.set(id, counts.get(`analysis-${id}`)!);
  return out;
}

/** Webhook load with a fault in the middle; every 2xx must become exactly one workflow, every refusal a 503. */
async function intakeUnderFault(stack: ChaosStack, name: string, fault: () => Promise<void>) {
  const sent: { id: string; status: number }[] = [];
  let faulted: Promise<void> | null = null;
  const seconds = 20;
  await openLoop(
    LOAD_RATE,
    seconds,
    async () => {
      const id = randomUUID();
      const answer = await githubPush(stack.apiPort, pushBody, id);
      sent.push({ id, status: answer.status });
    },
    (elapsed) => {
      if (!faulted && elapsed >= 5) faulted = fault();
    },
  );
  await faulted;
  const accepted = sent.filter((s) => s.status >= 200 && s.status < 300).map((s) => s.id);
  const refused = sent.filter((s) => s.status === 503).length;
  const other5xx = sent.filter((s) => s.status >= 500 && s.status !== 503).length;
  const noAnswer = sent.filter((s) => s.status === 0).length;
  // Every accepted delivery must be started within 60 s of the load ending (the relay drains the rest).
  const loadEnded = performance.now();
  const deadline = Date.now() + 90_000;
  let perDelivery = new Map<string, number>();
  let drainedS = Number.NaN;
  while (Date.now() < deadline) {
    if ((await countDeliveries(stack.knex, { status: 'pending' }).catch(() => 1)) === 0) {
      drainedS = (performance.now() - loadEnded) / 1000;
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  perDelivery = await workflowsPerDelivery(stack, accepted).catch(() => perDelivery);
  if (Number.isNaN(drainedS)) {
    const stuck = (await deliveryStatuses(stack.knex, 'github', accepted)).filter((r) => r.status === 'pending');
    console.log(`     still pending after 90 s: ${stuck.length}; attempts: ${[...new Set(stuck.map((r) => r.attempts))].join(',')}; last error: ${stuck.find((r) => r.lastError)?.lastError ?? '-'}`);
  }
  // The visibility list can lag behind; a delivery missing from it is looked up directly before it counts as lost.
  const missing = accepted.filter((id) => !perDelivery.has(id));
  for (const id of missing) {
    const exists = await stack.temporal.workflow
      .getHandle(`analysis-${id}`)
      .describe()
      .then(() => true)
      .catch(() => false);
    if (exists) perDelivery.set(id, 1);
  }
  const lostIds = accepted.filter((id) => !perDelivery.has(id));
  const lost = lostIds.length;
  const duplicated = [...perDelivery.values()].filter((n) => n > 1).length;
  if (lost) {
    // Say where the lost ones are: still pending (the relay did not get to them), marked started, or never recorded.
    const rows = await deliveryStatuses(stack.knex, 'github', lostIds.slice(0, 1000));
    const byStatus = new Map<string, number>();
    for (const r of rows) byStatus.set(`${r.status}/attempts=${r.attempts}`, (byStatus.get(`${r.status}/attempts=${r.attempts}`) ?? 0) + 1);
    console.log(`     lost deliveries: ${[...byStatus].map(([k, n]) => `${k}:${n}`).join(' ')} no_row:${Math.min(lost, 1000) - rows.length}; last error: ${rows.find((r) => r.lastError)?.lastError ?? '-'}`);
  }
  // drained_s: seconds from the end of the load until no accepted delivery was waiting for its workflow.
  report(`scenario=${name} sent=${sent.length} accepted=${accepted.length} refused_503=${refused} no_answer=${noAnswer} drained_s=${drainedS.toFixed(1)} lost=${lost} duplicated=${duplicated} 5xx=${other5xx}`, lost === 0 && duplicated === 0 && other5xx === 0 && drainedS <= 60);
}

const scenarios: Record<string, (stack: ChaosStack) => Promise<void>> = {
  async 'duplicate-github-delivery'(stack) {
    const id = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => githubPush(stack.apiPort, pushBody, id)));
    await new Promise((r) => setTimeout(r, 3000));
    const workflows = (await workflowsPerDelivery(stack, [id])).get(id) ?? 0;
    const rows = { n: (await knownDeliveryIds(stack.knex, 'github', [id])).size };
    const fivexx = answers.filter((a) => a.status >= 500).length;
    report(`scenario=duplicate-github-delivery copies=10 workflows=${workflows} rows=${Number(rows.n)} lost=${workflows === 0 ? 1 : 0} duplicated=${Math.max(0, workflows - 1) + Math.max(0, Number(rows.n) - 1)} 5xx=${fivexx}`, workflows === 1 && Number(rows.n) === 1 && fivexx === 0);
  },

  async 'duplicate-stripe-event'(stack) {
    const stripe = new Stripe('sk_test_chaos');
    const event = { id: `evt_chaos_${randomUUID().replace(/-/g, '')}`, object: 'event', type: 'payment_method.detached', created: Math.floor(Date.now() / 1000), data: { object: { id: `pm_chaos_${randomUUID().slice(0, 8)}`, object: 'payment_method' } } };
    const body = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_WEBHOOK_SECRET });
    const answers = await Promise.all(Array.from({ length: 10 }, () => request(stack.apiPort, { method: 'POST', path: '/api/billing/stripe-webhook', body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } })));
    const applied = answers.filter((a) => a.status < 300 && JSON.parse(a.body || '{}').duplicate === false).length;
    const fivexx = answers.filter((a) => a.status >= 500).length;
    // A copy that arrives while the first is being applied is answered 409 (Stripe delivers it again).
    const retryLater = answers.filter((a) => a.status === 409).length;
    report(`scenario=duplicate-stripe-event copies=10 applied=${applied} answered_409=${retryLater} lost=${applied === 0 ? 1 : 0} duplicated=${Math.max(0, applied - 1)} 5xx=${fivexx}`, applied === 1 && fivexx === 0);
  },

  async 'temporal-restart-under-webhooks'(stack) {
    await intakeUnderFault(stack, 'temporal-restart-under-webhooks', () => stack.restartTemporal(4000));
  },

  async 'postgres-restart-under-webhooks'(stack) {
    await intakeUnderFault(stack, 'postgres-restart-under-webhooks', () => stack.restartPostgres(4000));
  },

  async 'worker-sigkill-analysis'(stack) {
    const { repositoryId } = await stack.gitRepository(`kill-${Date.now()}`, 600);
    let worker = await stack.spawnWorker();
    const runId = randomUUID();
    const handle = await stack.temporal.workflow.start('analyzeRepository', { taskQueue: WORK_QUEUE, workflowId: `chaos-analysis-${runId}`, args: [{ runId, trigger: 'manual', repositoryId, heartbeatTimeout: '4 seconds' }] });
    for (let i = 0; ; i++) {
      if ((await countFindingsOfRun(stack.knex, runId)) > 0) break;
      if (i > 2400) throw new Error('the analysis never started writing findings');
      await new Promise((r) => setTimeout(r, 50));
    }
    await stack.killWorker(worker);
    worker = await stack.spawnWorker();
    const result = await handle.result();
    const findings = await findingsOfRunWithTriage(stack.knex, runId);
    const distinct = new Set(findings.map((f) => f.fingerprint)).size;
    const evals = findings.filter((f) => /no-eval/.test(f.ruleId)).length;
    await stack.killWorker(worker);
    report(`scenario=worker-sigkill-analysis status=${result.status} findings=${findings.length} lost=${Math.max(0, 600 - evals)} duplicated=${findings.length - distinct} 5xx=0`, result.status === 'completed' && evals === 600 && distinct === findings.length);
  },

  'worker-sigkill-search-reindex': (stack) => workerSigkillSearchReindex(stack, report),
  async 'worker-sigkill-invoicing'(stack) {
    const count = 3000;
    await seedDueSubscriptions(stack.knex, { ownerId: stack.ownerId, count, usage: 3, heavyEvery: 50, heavyUsage: 520, tag: `chaos${Date.now()}` });
    const before = (await invoiceCounts(stack.knex)).invoices;
    let worker = await stack.spawnWorker();
    const handle = await stack.temporal.workflow.start('invoiceDueSubscriptions', { taskQueue: WORK_QUEUE, workflowId: `chaos-invoicing-${randomUUID()}`, args: [{ batchSize: 200, concurrency: 4 }] });
    for (let i = 0; ; i++) {
      if ((await invoiceCounts(stack.knex)).invoices > before) break;
      if (i > 2400) throw new Error('the invoicing run never created an invoice');
      await new Promise((r) => setTimeout(r, 50));
    }
    await stack.killWorker(worker);
    worker = await stack.spawnWorker();
    await handle.result();
    const after = await invoiceCounts(stack.knex);
    await stack.killWorker(worker);
    const created = after.invoices - before;
    report(`scenario=worker-sigkill-invoicing subscriptions=${count} invoices=${created} lost=${Math.max(0, count - created)} duplicated=${after.duplicatePeriods} 5xx=0`, created === count && after.duplicatePeriods === 0);
  },

  async 'two-workers-one-queue'(stack) {
    const { repositoryId } = await stack.gitRepository(`shared-${Date.now()}`, 150);
    await stack.spawnWorker();
    await stack.spawnWorker();
    const runIds = Array.from({ length: 6 }, () => randomUUID());
    const handles = await Promise.all(runIds.map((runId) => stack.temporal.workflow.start('analyzeRepository', { taskQueue: WORK_QUEUE, workflowId: `chaos-shared-${runId}`, args: [{ runId, trigger: 'manual', repositoryId }] })));
    const outcomes = await Promise.all(handles.map((h) => h.result()));
    const identities = new Set<string>();
    let activityTasksTwice = 0;
    for (const h of handles) {
      const history = await h.fetchHistory();
      const scheduled = new Set<string>();
      for (const e of history.events ?? []) {
        const started = e.activityTaskStartedEventAttributes;
        if (started?.identity) identities.add(started.identity);
        const completed = e.activityTaskCompletedEventAttributes;
        if (completed) {
          const key = String(completed.scheduledEventId);
          if (scheduled.has(key)) activityTasksTwice++;
          scheduled.add(key);
        }
      }
    }
    let duplicated = activityTasksTwice;
    for (const runId of runIds) {
      const findings = await findingsOfRunWithTriage(stack.knex, runId);
      duplicated += findings.length - new Set(findings.map((f) => f.fingerprint)).size;
    }
    const completed = outcomes.filter((o) => o.status === 'completed').length;
    for (const w of [...stack.workers]) await stack.killWorker(w);
    report(`scenario=two-workers-one-queue runs=${runIds.length} completed=${completed} worker_identities=${identities.size} lost=${runIds.length - completed} duplicated=${duplicated} 5xx=0`, completed === runIds.length && duplicated === 0 && identities.size >= 2);
  },

  async soak(stack) {
    const worker = await stack.spawnWorker();
    const { token } = await signAccessToken(stack.secrets.JWT_SECRET, stack.ownerId);
    const auth = { authorization: `Bearer ${token}` };
    const reads = ['/api/me', `/api/workspaces/${stack.workspaceId}/runs?page=1&pageSize=20`, `/api/workspaces/${stack.workspaceId}/repositories`, '/api/public-config'];
    let at2min: { api: number; worker: number } | null = null;
    let fivexx = 0;
    let sent = 0;
    await openLoop(
      50,
      SOAK_SECONDS,
      async (i) => {
        sent++;
        const call = i % 5 === 0 ? { method: 'POST', path: '/webhooks/github' } : { method: 'GET', path: reads[i % reads.length]! };
        const answer = i % 5 === 0 ? await githubPush(stack.apiPort, pushBody, randomUUID()) : await request(stack.apiPort, { ...call, headers: auth });
        if (answer.status >= 500 || answer.status === 0) {
          fivexx++;
          // Every failure with what it was, so a 5xx can be traced (CHAOS_API_LOG has the API's side).
          console.log(`     5xx at ${new Date().toISOString()}: ${call.method} ${call.path} status=${answer.status} ms=${answer.ms.toFixed(0)} ${answer.error ? `error=${answer.error} ` : ''}body=${answer.body.slice(0, 500)}`);
        }
      },
      (elapsed) => {
        if (!at2min && elapsed >= Math.min(120, SOAK_SECONDS / 5)) at2min = { api: ChaosStack.rssMb(stack.api.child.pid!), worker: ChaosStack.rssMb(worker.child.pid!) };
      },
    );
    const end = { api: ChaosStack.rssMb(stack.api.child.pid!), worker: ChaosStack.rssMb(worker.child.pid!) };
    const start = at2min ?? end;
    const growth = (a: number, b: number) => ((100 * (b - a)) / a).toFixed(1);
    await stack.killWorker(worker);
    const ok = fivexx === 0 && end.api <= start.api * 1.1 && end.worker <= start.worker * 1.1;
    report(`scenario=soak seconds=${SOAK_SECONDS} rate=50 sent=${sent} api_rss_mb_2min=${start.api.toFixed(0)} api_rss_mb_end=${end.api.toFixed(0)} api_growth_pct=${growth(start.api, end.api)} worker_rss_mb_2min=${start.worker.toFixed(0)} worker_rss_mb_end=${end.worker.toFixed(0)} worker_growth_pct=${growth(start.worker, end.worker)} lost=0 duplicated=0 5xx=${fivexx}`, ok);
  },
};

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(scenarios);
for (const name of chosen) if (!scenarios[name]) throw new Error(`no scenario ${name}; there are: ${Object.keys(scenarios).join(', ')}`);
const stack = await ChaosStack.start();
try {
  for (const name of chosen) {
    const started = performance.now();
    try {
      await scenarios[name]!(stack);
    } catch (err) {
      report(`scenario=${name} error=${JSON.stringify((err as Error).message)}`, false);
    }
    console.log(`     (${name} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  await stack.stop();
}
console.log(results.join('\n'));
process.exit(failed ? 1 : 0);

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { workflowIds, type AnalyzeRepositoryInput } from '@argus/workflows/contract';
import {
  claimPendingDeliveries,
  markDeliveriesStarted,
  markDeliveriesRelayed,
  markGitHubInstallationDeleted,
  recordDelivery,
  recordDeliveryAttemptFailed,
  removeRepositoriesByGitHubIds,
  removeRepositoriesOfInstallation,
  setGitHubInstallationSuspended,
  upsertGitHubInstallation,
  findGitHubRepositoryForDelivery,
  type DeliveryStatus,
  type RepositoryRow,
} from '@argus/db';
import type { AppDeps } from '../app-deps';
import { workflowClient } from '../temporal/workflow-client';
import { checkGitHubPayload } from './github-payloads';
import { BadRequestError, ServiceUnavailableError, UnauthorizedError } from '../http/errors';
import { applyPullRequestClosed } from '../fixes/pull-request-events';
import { DeliveryRecorder, StartPacer } from './delivery-intake';

/** One group-committing recorder, one start pacer and one start queue per API process (per deps). */
interface Intake {
  recorder: DeliveryRecorder;
  pacer: StartPacer;
  starts: StartQueue;
}
const intakes = new WeakMap<AppDeps, Intake>();
function intakeOf(deps: AppDeps): Intake {
  let intake = intakes.get(deps);
  if (!intake) {
    const pacer = new StartPacer(deps.config.WEBHOOK_BUSY_RPS, deps.config.WEBHOOK_BUSY_START_RATE);
    intake = { recorder: new DeliveryRecorder(deps.knex), pacer, starts: new StartQueue(deps, pacer) };
    intakes.set(deps, intake);
  }
  return intake;
}


/** X-Hub-Signature-256 is an HMAC-SHA256 of the raw body; compared in constant time. */
export function verifyGitHubSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a delivery row keeps so that the relay can start its run later (stored as JSON). */
interface StartRequest {
  input: AnalyzeRepositoryInput;
  memo: Record<string, unknown>;
}

/** Rows written before the typed client stored `{ workflowId, args: [input] }`. */
function storedStartRequest(stored: StartRequest | { args: [AnalyzeRepositoryInput]; memo: Record<string, unknown> }): StartRequest {
  return 'input' in stored ? stored : { input: stored.args[0], memo: stored.memo };
}

type Outcome = { status: 'accepted' | 'started' | 'duplicate' | 'ignored' | 'processed'; reason?: string; workflowId?: string };

/** Decides what a delivery asks for. Only a push to the default branch and opened/synchronized/reopened PRs analyze. */
function planDelivery(event: string, deliveryId: string, payload: any): { kind: 'analyze'; start: StartRequest } | { kind: 'installation' } | { kind: 'pull_request_closed' } | { kind: 'ignore'; reason: string } {
  if (event === 'installation' || event === 'installation_repositories') return { kind: 'installation' };
  // Closing or merging a PR that Argus opened updates its fixes; the next analysis confirms the finding is gone.
  if (event === 'pull_request' && payload?.action === 'closed') return { kind: 'pull_request_closed' };
  if (event === 'push') {
    const defaultBranch = payload?.repository?.default_branch;
    if (!defaultBranch || payload.ref !== `refs/heads/${defaultBranch}`) return { kind: 'ignore', reason: 'push is not to the default branch' };
    if (payload.deleted || !payload.after || /^0+$/.test(payload.after)) return { kind: 'ignore', reason: 'branch deletion' };
    const runId = randomUUID();
    return {
      kind: 'analyze',
      start: {
        input: { runId, trigger: 'push', githubRepoId: payload.repository.id, commitSha: payload.after, ref: payload.ref },
        memo: { githubRepoId: payload.repository.id, deliveryId },
      },
    };
  }
  if (event === 'pull_request') {
    if (!['opened', 'synchronize', 'reopened'].includes(payload?.action)) return { kind: 'ignore', reason: `pull_request action ${payload?.action} does not analyze` };
    const pr = payload.pull_request;
    const runId = randomUUID();
    return {
      kind: 'analyze',
      start: {
        input: { runId, trigger: 'pull_request', githubRepoId: payload.repository.id, commitSha: pr.head.sha, ref: `refs/pull/${pr.number}/head`, baseSha: pr.base.sha, pullRequestNumber: pr.number },
        memo: { githubRepoId: payload.repository.id, deliveryId },
      },
    };
  }
  return { kind: 'ignore', reason: `event ${event} is not used by Argus` };
}

/** Starts after the answer (the start queue, the relay) may wait longer: a timed-out start that Temporal still did is waste. */
const BACKGROUND_START_DEADLINE_MS = 10_000;

async function startWorkflow(deps: AppDeps, deliveryId: string, start: StartRequest, deadlineMs = 3000): Promise<'started' | 'duplicate'> {
  try {
    // GitHub gives up after 10 s: on the request path, a Temporal that does not answer within 3 s is treated as down.
    // A redelivery carries the same delivery id, hence the same workflow id: it can never start a second run.
    await workflowClient.startDeliveryAnalysis(deps, deliveryId, start.input, start.memo, deadlineMs);
    return 'started';
  } catch (err) {
    if ((err as Error).name === 'WorkflowExecutionAlreadyStartedError') return 'duplicate';
    throw err;
  }
}

/**
 * Installation events keep installations current. Repositories are never activated by a webhook (a workspace picks
 * them, see api/src/github-app); uninstalling the App, or taking a repository out of it, deactivates them (rows,
 * runs and findings stay). A suspended installation keeps its repositories, and its deliveries are ignored.
 */
async function applyInstallationEvent(deps: AppDeps, event: string, payload: any) {
  const inst = payload.installation;
  const removed: RepositoryRow[] = await deps.knex.transaction(async (trx) => {
    const row = await upsertGitHubInstallation(trx, { installationId: inst.id, accountLogin: inst.account?.login ?? 'unknown', accountType: inst.account?.type ?? 'User' });
    if (event === 'installation' && payload.action === 'deleted') {
      await markGitHubInstallationDeleted(trx, row.id);
      return removeRepositoriesOfInstallation(trx, row.id);
    }
    if (event === 'installation' && (payload.action === 'suspend' || payload.action === 'unsuspend')) {
      await setGitHubInstallationSuspended(trx, row.id, payload.action === 'suspend');
      return [];
    }
    const ids = (payload.repositories_removed ?? []).map((r: { id: number }) => r.id).filter((id: unknown) => Number.isSafeInteger(id));
    return removeRepositoriesByGitHubIds(trx, row.id, ids);
  });
  for (const repo of removed) {
    if (!repo.analysisSchedule || !repo.workspaceId) continue;
    await workflowClient.applyAnalysisSchedule(deps, { id: repo.id, workspaceId: repo.workspaceId }, null).catch((err) => deps.logger.warn({ err, repositoryId: repo.id }, 'could not delete the analysis schedule of a deactivated repository'));
  }
}

/** Why a push or pull request of this repository starts no run, or null when it does. */
async function inactiveRepositoryReason(deps: AppDeps, githubRepoId: unknown, fullName: unknown): Promise<string | null> {
  if (typeof githubRepoId !== 'number' || !Number.isSafeInteger(githubRepoId)) return 'the delivery names no repository';
  const name = typeof fullName === 'string' && fullName ? fullName : `repository ${githubRepoId}`;
  // Read every time (one indexed lookup): a memo would answer "accepted" for a repository deactivated a moment ago.
  const repo = await findGitHubRepositoryForDelivery(deps.knex, githubRepoId);
  if (!repo?.workspaceId) return `${name} is not activated in any Argus workspace`;
  if (repo.installationDeletedAt) return `the GitHub App was uninstalled from the account of ${name}`;
  if (repo.installationSuspendedAt) return `the GitHub App installation of ${name} is suspended`;
  return null;
}

/**
 * 202 only once the work is durable: a started workflow, or a committed row the relay turns into one.
 * If neither Postgres nor Temporal takes it, 503 so GitHub shows the delivery as failed (and it can be redelivered).
 */
export async function receiveGitHubDelivery(deps: AppDeps, headers: { event?: string; deliveryId?: string; signature?: string }, rawBody: Buffer): Promise<Outcome> {
  const secret = deps.config.GITHUB_WEBHOOK_SECRET;
  if (!secret) throw new ServiceUnavailableError('GitHub webhooks are not configured (GITHUB_WEBHOOK_SECRET is unset).');
  if (!verifyGitHubSignature(secret, rawBody, headers.signature)) {
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'bad_signature' });
    throw new UnauthorizedError('The X-Hub-Signature-256 header is missing or does not match the body.');
  }
  if (!headers.event || !headers.deliveryId) throw new BadRequestError('X-GitHub-Event and X-GitHub-Delivery headers are required.');
  intakeOf(deps).pacer.arrived();
  let payload: any;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'malformed' });
    throw new BadRequestError('The body is not valid JSON.');
  }
  const checked = checkGitHubPayload(headers.event, payload);
  if (!checked.ok) {
    // Recorded as failed (never pending), so the relay never retries it; GitHub shows the delivery as failed.
    await recordDelivery(deps.knex, { source: 'github', deliveryId: headers.deliveryId, event: headers.event, action: null, status: 'failed', lastError: `malformed payload: ${checked.problem}`.slice(0, 500) }).catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'malformed' });
    throw new BadRequestError(`The ${headers.event} payload is not what GitHub sends: ${checked.problem}.`);
  }
  const plan = planDelivery(headers.event, headers.deliveryId, payload);
  const record = (status: DeliveryStatus, extra: { lastError?: string; workflowId?: string; startRequest?: StartRequest } = {}) =>
    intakeOf(deps).recorder.record({ source: 'github', deliveryId: headers.deliveryId!, event: headers.event!, action: payload?.action ?? null, status, ...extra });

  if (plan.kind === 'ignore') {
    await record('ignored', { lastError: plan.reason }).catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'ignored' });
    return { status: 'ignored', reason: plan.reason };
  }
  if (plan.kind === 'pull_request_closed') {
    const outcome = await applyPullRequestClosed(deps, payload);
    await record('processed').catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'processed' });
    return { status: 'processed', reason: outcome.fixIds.length ? `${outcome.fixIds.length} fix(es) ${outcome.status}` : 'no Argus fix on this pull request' };
  }
  if (plan.kind === 'installation') {
    await applyInstallationEvent(deps, headers.event, payload);
    await record('processed').catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'processed' });
    return { status: 'processed' };
  }

  // Only repositories a workspace activated are analyzed; any other delivery is recorded as ignored, with why.
  // If Postgres cannot answer, the delivery goes on as before (registerRun refuses an inactive repository).
  let lookupFailed: unknown;
  const inactive = await inactiveRepositoryReason(deps, (plan.start.input as { githubRepoId?: unknown }).githubRepoId, payload?.repository?.full_name).catch((err) => {
    lookupFailed = err ?? new Error('repository lookup failed');
    return null;
  });
  if (inactive) {
    await record('ignored', { lastError: inactive }).catch(() => {});
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'ignored' });
    return { status: 'ignored', reason: inactive };
  }

  const workflowId = workflowIds.analysisForDelivery(headers.deliveryId);
  let fresh: boolean;
  try {
    // Postgres has just failed to answer: do not wait for it a second time within GitHub's 10 s.
    if (lookupFailed) throw lookupFailed;
    fresh = await record('pending', { workflowId, startRequest: plan.start });
  } catch (err) {
    // Postgres cannot take it: only a started workflow makes the delivery durable now.
    deps.logger.warn({ err, deliveryId: headers.deliveryId }, 'could not record the delivery; starting the workflow directly');
    try {
      const started = await startWorkflow(deps, headers.deliveryId, plan.start);
      deps.metrics.webhookIntake.inc({ source: 'github', outcome: started });
      return { status: started, workflowId };
    } catch (startErr) {
      deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'unavailable' });
      throw new ServiceUnavailableError('Neither the database nor Temporal could take the delivery. It was not accepted; redeliver it later.', {}, { cause: startErr });
    }
  }
  if (!fresh) {
    deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'duplicate' });
    return { status: 'duplicate', workflowId };
  }
  // The committed row is the durable promise: answer now, start the workflow right after. If Temporal is slow
  // or down, the relay retries; either way the workflow id dedupes.
  intakeOf(deps).starts.push(headers.deliveryId, plan.start);
  deps.metrics.webhookIntake.inc({ source: 'github', outcome: 'accepted' });
  return { status: 'accepted', workflowId };
}

/**
 * A queued start that has waited this long is left to the relay, which claims rows pending for 15 s: when Temporal
 * is slower than the intake, the two would otherwise start the same oldest deliveries and halve the useful rate.
 */
const QUEUE_HANDOVER_MS = 10_000;

/**
 * Starts accepted deliveries' workflows after the answer, a few at a time, so Temporal's pace never slows the
 * acknowledgement GitHub waits for. Rows are marked started in batches. Whatever this queue cannot take (a burst
 * beyond its bound, a start waiting past QUEUE_HANDOVER_MS, a failed start, a restart of the process) stays
 * pending and the relay starts it.
 */
class StartQueue {
  private queue: { deliveryId: string; start: StartRequest; queuedAt: number }[] = [];
  private started: string[] = [];
  private running = 0;
  private marking = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly pacer: StartPacer,
    private readonly concurrency = deps.config.WEBHOOK_START_CONCURRENCY,
    private readonly bound = 2000,
  ) {}

  push(deliveryId: string, start: StartRequest): void {
    if (this.queue.length >= this.bound) return;
    this.queue.push({ deliveryId, start, queuedAt: Date.now() });
    this.pump();
  }

  private pump(): void {
    // One lane per queued start, at most `concurrency`: each waits its turn, then starts queued deliveries in order.
    while (this.running < this.concurrency && this.queue.length > this.running) {
      this.running++;
      void this.pacer
        .turn()
        .then(() => this.startNext())
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }

  private async startNext(): Promise<void> {
    for (;;) {
      const next = this.queue.shift();
      if (!next) return;
      if (Date.now() - next.queuedAt > QUEUE_HANDOVER_MS) continue;
      await startWorkflow(this.deps, next.deliveryId, next.start, BACKGROUND_START_DEADLINE_MS)
        .then(() => {
          this.started.push(next.deliveryId);
          this.markStarted();
        })
        .catch((err) => this.deps.logger.warn({ err, deliveryId: next.deliveryId }, 'starting the run failed; the relay will retry'));
      return;
    }
  }

  private markStarted(): void {
    if (this.marking) return;
    this.marking = true;
    setImmediate(async () => {
      while (this.started.length) {
        const batch = this.started.splice(0, 500);
        // Bounded: a mark stuck on a dropped connection must not stop every later one (the relay covers a miss).
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([markDeliveriesStarted(this.deps.knex, 'github', batch), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('marking deliveries started took over 10 s')), 10_000)))])
          .catch((err) => this.deps.logger.warn({ err }, 'could not mark deliveries started; the relay finds their workflows already started'))
          .finally(() => clearTimeout(timer));
      }
      this.marking = false;
    });
  }
}

const RELAY_CONCURRENCY = 16;
/** A round stops taking new rows after this, so it ends well within the watchdog's 30 s (server.ts). */
const RELAY_ROUND_MS = 15_000;

/**
 * Turns pending deliveries into workflows once Temporal answers again, batch after batch until none is left.
 * Rows are claimed with SKIP LOCKED, so it is safe to run in every API process at once. The claim lasts as long as
 * the round's transaction; Postgres ends a transaction left idle for 45 s, so a round that stalls (a hung
 * connection, a wedged process) cannot keep its rows from the other rounds for good.
 */
export async function relayPendingDeliveries(deps: AppDeps, batchSize = 100): Promise<number> {
  const roundEnds = Date.now() + RELAY_ROUND_MS;
  const { pacer } = intakeOf(deps);
  let relayed = 0;
  for (;;) {
    let claimed = 0;
    let failed = false;
    await deps.knex.transaction(async (trx) => {
      await trx.raw(`set local idle_in_transaction_session_timeout = '45s'`);
      const rows = await claimPendingDeliveries(trx, batchSize);
      claimed = rows.length;
      const started: string[] = [];
      const failures: { id: string; attempts: number; error: string }[] = [];
      // RELAY_CONCURRENCY starts in flight at all times (no barrier per group); the first failure stops new ones.
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(RELAY_CONCURRENCY, rows.length) }, async () => {
          while (!failed && next < rows.length && Date.now() < roundEnds) {
            await pacer.turn();
            if (failed || next >= rows.length) break;
            const row = rows[next++]!;
            try {
              await startWorkflow(deps, row.deliveryId, storedStartRequest(row.startRequest as Parameters<typeof storedStartRequest>[0]), BACKGROUND_START_DEADLINE_MS);
              started.push(row.id);
            } catch (err) {
              failed = true;
              failures.push({ id: row.id, attempts: row.attempts + 1, error: (err as Error).message });
            }
          }
        }),
      );
      // The transaction's connection runs its queries one after another: failures in turn, starts in one statement.
      for (const f of failures) await recordDeliveryAttemptFailed(trx, f.id, f.attempts, f.error);
      await markDeliveriesRelayed(trx, started);
      relayed += started.length;
    });
    if (failed || claimed < batchSize || Date.now() >= roundEnds) return relayed;
  }
}

import path from 'node:path';
import { z } from 'zod';
import { LLM_DEFAULTS } from './llm-settings';

const port = z.coerce.number().int().min(1).max(65535);
const rate = z.coerce.number().min(0).max(1);
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const pgInterval = z.string().regex(/^\d+ (second|minute|hour|day|week|month|year)s?$/, 'must be an interval like "1 month" or "14 days"');

/** Every environment variable Argus reads, in one place. README and docs/deploy.md list the same names. */
export const ZPlatformEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  ARGUS_DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('argus'),
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  API_PORT: port.default(4000),
  PORTAL_PORT: port.default(3000),
  ADMIN_PORT: port.default(3001),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  WORKER_METRICS_PORT: port.default(9464),
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The interface the API and the two web apps listen on. Loopback unless you mean to expose them. */
  HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z.string().min(1).default('loopback'),
  PORTAL_URL: z.url().default('http://localhost:3000'),
  ADMIN_URL: z.url().default('http://localhost:3001'),
  PUBLIC_API_URL: z.url().default('http://localhost:4000'),
  JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  ARGUS_ENCRYPTION_KEYS: optionalText.pipe(
    z.string().regex(/^[\w-]+:[A-Za-z0-9+/=]+(,[\w-]+:[A-Za-z0-9+/=]+)*$/, 'must be kid:base64key[,kid:base64key…]').optional(),
  ),
  ARGUS_ENCRYPTION_ACTIVE_KEY_ID: optionalText,
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Argus <no-reply@argus.local>'),
  SENTRY_DSN: optionalUrl,
  SENTRY_ENVIRONMENT: optionalText,
  SENTRY_RELEASE: optionalText,
  SENTRY_SAMPLE_RATE: rate.default(1),
  SENTRY_TRACES_SAMPLE_RATE: rate.default(0.1),
  /** Browser apps: share of sessions recorded by Sentry Replay (all text masked, media blocked). */
  SENTRY_REPLAY_SAMPLE_RATE: rate.default(0.1),
  /** Browser apps: share of sessions with an error whose replay is sent with it. */
  SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE: rate.default(1),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SYSTEM_LOG_MAX_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  GITHUB_APP_ID: optionalText,
  GITHUB_APP_PRIVATE_KEY: optionalText,
  GITHUB_WEBHOOK_SECRET: optionalText,
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** github.com, or a GitHub Enterprise Server's own address: the App's install page and OAuth endpoints live there. */
  GITHUB_WEB_URL: z.url().default('https://github.com'),
  /** The App's URL name (github.com/apps/<slug>): the "Install the GitHub App" button goes to its install page. */
  GITHUB_APP_SLUG: optionalText.pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be the App\'s URL name, e.g. argus-code-quality').optional()),
  /** The App's OAuth client: proves, at setup, that the signed-in user can access the installation they link. */
  GITHUB_APP_CLIENT_ID: optionalText,
  GITHUB_APP_CLIENT_SECRET: optionalText,
  GROQ_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  GROQ_MODEL: z.string().min(1).default(LLM_DEFAULTS.groq.model),
  ANTHROPIC_MODEL: z.string().min(1).default(LLM_DEFAULTS.anthropic.model),
  GROQ_BASE_URL: optionalUrl,
  ANTHROPIC_BASE_URL: optionalUrl,
  TYPESENSE_URL: optionalUrl,
  TYPESENSE_API_KEY: optionalText,
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: optionalUrl,
  STRIPE_PUBLISHABLE_KEY: optionalText,
  /** The tier of a workspace that never chose one. A self-hosted install that bills nobody can set enterprise. */
  BILLING_DEFAULT_TIER: z.string().min(1).default('free'),
  /** Length of a billing period, as a Postgres interval ("1 month"; tests use seconds). */
  BILLING_PERIOD: pgInterval.default('1 month'),
  /** Trial of the first paid tier a workspace chooses; "0 days" offers none. */
  BILLING_TRIAL_PERIOD: pgInterval.default('14 days'),
  /** Delays between the dunning retries after a failed payment; after the last one fails the workspace is restricted. */
  BILLING_DUNNING_DELAYS: z.string().regex(/^\s*\d+\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\s*(,\s*\d+\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\s*)*$/, 'must be durations like "3 days,5 days,7 days"').default('3 days,5 days,7 days'),
  /** Tax in basis points per ISO country of the billing address, e.g. "DE:1900,FR:2000,*:0". */
  BILLING_TAX_RATES: z.string().regex(/^(\s*([A-Za-z]{2}|\*)\s*:\s*\d{1,4}\s*)?(,\s*([A-Za-z]{2}|\*)\s*:\s*\d{1,4}\s*)*$/, 'must be COUNTRY:basis-points pairs, e.g. "DE:1900,*:0"').default(''),
  /** How often the invoicing Schedule looks for periods that ended. */
  BILLING_INVOICING_EVERY: z.string().regex(/^\d+\s*(s|seconds?|m|minutes?|h|hours?)$/, 'must be a duration like "1 hour"').default('1 hour'),
  ARGUS_ALLOW_PRIVATE_GIT: z.enum(['0', '1']).default('0'),
  /** Webhook intake: workflow starts in flight per API process after the answer. */
  WEBHOOK_START_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Above this many signed deliveries a second, starts are paced at WEBHOOK_BUSY_START_RATE (0 turns pacing off). */
  WEBHOOK_BUSY_RPS: z.coerce.number().int().min(0).max(100_000).default(50),
  WEBHOOK_BUSY_START_RATE: z.coerce.number().int().min(1).max(100_000).default(40),
  /** file:// repositories may be connected only from inside this directory (default <ARGUS_DATA_DIR>/local-repositories). */
  ARGUS_LOCAL_GIT_ROOT: optionalText,
  /** Where analyses and fixes check code out (default: /dev/shm when it is roomy, else the temp directory; see sandbox-root.ts). */
  ARGUS_SANDBOX_DIR: optionalText,
});

export type PlatformEnv = z.infer<typeof ZPlatformEnv>;
export interface PlatformConfig extends PlatformEnv {
  databaseUrl: string;
  jwtSecret: string;
  encryptionKeys: Map<string, Buffer>;
  activeEncryptionKeyId: string;
  /** Absolute: the only directory file:// remotes may point into when private remotes are not allowed. */
  localGitRoot: string;
  release: string;
  environment: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// There are no built-in keys: a known key would let anyone forge a session. `npm start` generates an
// installation's own keys once (.data/secrets.env); every other way of running Argus must configure them.
const HOW_TO_SET_KEYS =
  '`npm start` generates it in .data/secrets.env on first start; otherwise set it yourself (see docs/deploy.md: JWT_SECRET is 32+ random characters, e.g. `openssl rand -base64 48`; ARGUS_ENCRYPTION_KEYS is kid:base64 of 32 random bytes, e.g. `k1:$(openssl rand -base64 32)`)';

/** Reads and validates the environment once; a bad config lists every problem, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = ZPlatformEnv.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (!e.JWT_SECRET) problems.push(`JWT_SECRET: not set. ${HOW_TO_SET_KEYS}`);
  if (!e.ARGUS_ENCRYPTION_KEYS) problems.push(`ARGUS_ENCRYPTION_KEYS: not set. ${HOW_TO_SET_KEYS}`);
  if (production && !e.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
  if (e.GITHUB_APP_ID && !e.GITHUB_APP_PRIVATE_KEY) problems.push('GITHUB_APP_PRIVATE_KEY: required when GITHUB_APP_ID is set');
  // The install flow needs the App's page (slug), its OAuth client (to check who installs) and the App itself.
  const installFlow = { GITHUB_APP_SLUG: e.GITHUB_APP_SLUG, GITHUB_APP_CLIENT_ID: e.GITHUB_APP_CLIENT_ID, GITHUB_APP_CLIENT_SECRET: e.GITHUB_APP_CLIENT_SECRET };
  if (Object.values(installFlow).some(Boolean)) {
    for (const [name, value] of Object.entries({ ...installFlow, GITHUB_APP_ID: e.GITHUB_APP_ID })) {
      if (!value) problems.push(`${name}: required for the GitHub App install flow (GITHUB_APP_SLUG, GITHUB_APP_CLIENT_ID, GITHUB_APP_CLIENT_SECRET and GITHUB_APP_ID go together)`);
    }
  }

  const encryptionKeys = new Map<string, Buffer>();
  for (const pair of (e.ARGUS_ENCRYPTION_KEYS ?? '').split(',').filter(Boolean)) {
    const [kid, b64] = pair.split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) problems.push(`ARGUS_ENCRYPTION_KEYS: key "${kid}" must decode to 32 bytes, got ${key.length}`);
    encryptionKeys.set(kid, key);
  }
  const activeEncryptionKeyId = e.ARGUS_ENCRYPTION_ACTIVE_KEY_ID ?? [...encryptionKeys.keys()].at(-1) ?? '';
  if (encryptionKeys.size && !encryptionKeys.has(activeEncryptionKeyId)) {
    problems.push(`ARGUS_ENCRYPTION_ACTIVE_KEY_ID: "${activeEncryptionKeyId}" is not one of ARGUS_ENCRYPTION_KEYS`);
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    ...e,
    databaseUrl: e.DATABASE_URL ?? `postgres://argus:argus@127.0.0.1:${e.EMBEDDED_POSTGRES_PORT}/argus`,
    jwtSecret: e.JWT_SECRET!,
    encryptionKeys,
    activeEncryptionKeyId,
    localGitRoot: path.resolve(e.ARGUS_LOCAL_GIT_ROOT ?? path.join(e.ARGUS_DATA_DIR, 'local-repositories')),
    release: e.SENTRY_RELEASE ?? `argus@${process.env.npm_package_version ?? '0.1.0'}`,
    environment: e.SENTRY_ENVIRONMENT ?? e.NODE_ENV,
  };
}

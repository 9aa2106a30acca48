import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const rate = z.coerce.number().min(0).max(1);
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

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
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SYSTEM_LOG_MAX_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  GITHUB_APP_ID: optionalText,
  GITHUB_APP_PRIVATE_KEY: optionalText,
  GITHUB_WEBHOOK_SECRET: optionalText,
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GROQ_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  GROQ_MODEL: z.string().min(1).default('mixtral-8x7b-32768'),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-3-haiku-20240307'),
  GROQ_BASE_URL: optionalUrl,
  ANTHROPIC_BASE_URL: optionalUrl,
  TYPESENSE_URL: optionalUrl,
  TYPESENSE_API_KEY: optionalText,
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: optionalUrl,
  ARGUS_ALLOW_PRIVATE_GIT: z.enum(['0', '1']).default('0'),
});

export type PlatformEnv = z.infer<typeof ZPlatformEnv>;
export interface PlatformConfig extends PlatformEnv {
  databaseUrl: string;
  jwtSecret: string;
  encryptionKeys: Map<string, Buffer>;
  activeEncryptionKeyId: string;
  release: string;
  environment: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Development keys are derived from fixed strings so `npm start` works with zero setup; production must set its own.
const DEV_JWT_SECRET = 'argus-development-jwt-secret-do-not-use-in-production';
const DEV_ENCRYPTION_KEYS = 'dev:' + Buffer.alloc(32, 7).toString('base64');

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
  if (production && !e.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (production && !e.ARGUS_ENCRYPTION_KEYS) problems.push('ARGUS_ENCRYPTION_KEYS: required when NODE_ENV=production');
  if (production && !e.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
  if (e.GITHUB_APP_ID && !e.GITHUB_APP_PRIVATE_KEY) problems.push('GITHUB_APP_PRIVATE_KEY: required when GITHUB_APP_ID is set');

  const encryptionKeys = new Map<string, Buffer>();
  for (const pair of (e.ARGUS_ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS).split(',')) {
    const [kid, b64] = pair.split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) problems.push(`ARGUS_ENCRYPTION_KEYS: key "${kid}" must decode to 32 bytes, got ${key.length}`);
    encryptionKeys.set(kid, key);
  }
  const activeEncryptionKeyId = e.ARGUS_ENCRYPTION_ACTIVE_KEY_ID ?? [...encryptionKeys.keys()].at(-1)!;
  if (!encryptionKeys.has(activeEncryptionKeyId)) {
    problems.push(`ARGUS_ENCRYPTION_ACTIVE_KEY_ID: "${activeEncryptionKeyId}" is not one of ARGUS_ENCRYPTION_KEYS`);
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    ...e,
    databaseUrl: e.DATABASE_URL ?? `postgres://argus:argus@127.0.0.1:${e.EMBEDDED_POSTGRES_PORT}/argus`,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    encryptionKeys,
    activeEncryptionKeyId,
    release: e.SENTRY_RELEASE ?? `argus@${process.env.npm_package_version ?? '0.1.0'}`,
    environment: e.SENTRY_ENVIRONMENT ?? e.NODE_ENV,
  };
}

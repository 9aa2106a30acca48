// Static checks of the production Docker Compose stack (docker-compose.yml,
// scripts/docker/*, docs/deploy.md). No Docker engine needed: the file is always validated
// against the Compose Specification's JSON schema (vendored in e2e/fixtures/compose); when the
// docker CLI has the compose plugin, it is also checked with `docker compose config -q`.
import { describe, it, expect } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Healthcheck = { test?: string | string[]; disable?: boolean };
type DependsOn = string[] | Record<string, { condition?: string }>;
type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: DependsOn;
  healthcheck?: Healthcheck;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: (string | Record<string, unknown>)[];
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const composePath = path.join(root, 'docker-compose.yml');
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

const composeText = read('docker-compose.yml');
// `merge: true` resolves the `<<: *anchor` merge keys the compose file uses.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const deployDoc = read('docs/deploy.md');
const nginxConf = read('scripts/docker/nginx.conf');
const dockerfile = read('scripts/docker/Dockerfile');

const SERVICES = ['postgres', 'temporal', 'temporal-ui', 'typesense', 'api', 'worker', 'portal', 'admin'];

/** Variables the application reads; compose must hand every one of them to api and worker. */
const APP_VARIABLES = [
  'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'TEMPORAL_UI_URL',
  'API_PORT', 'PORTAL_URL', 'ADMIN_URL', 'PUBLIC_API_URL', 'JWT_SECRET', 'ARGUS_ENCRYPTION_KEYS',
  'ARGUS_ENCRYPTION_ACTIVE_KEY_ID', 'SMTP_URL', 'MAIL_FROM', 'SENTRY_DSN', 'SENTRY_ENVIRONMENT',
  'SENTRY_RELEASE', 'SENTRY_TRACES_SAMPLE_RATE', 'SENTRY_SAMPLE_RATE', 'SENTRY_REPLAY_SAMPLE_RATE',
  'SENTRY_REPLAY_ON_ERROR_SAMPLE_RATE', 'LOG_LEVEL', 'GITHUB_APP_ID',
  'GITHUB_APP_PRIVATE_KEY', 'GITHUB_WEBHOOK_SECRET', 'GROQ_API_KEY', 'ANTHROPIC_API_KEY', 'TYPESENSE_URL',
  'TYPESENSE_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'WORKER_METRICS_PORT',
  'ARGUS_ALLOW_PRIVATE_GIT', 'NODE_ENV', 'HOST',
];

/** Secrets that must be `${VAR:?…}` (required) in the compose file. */
const REQUIRED_SECRETS = ['POSTGRES_PASSWORD', 'JWT_SECRET', 'ARGUS_ENCRYPTION_KEYS', 'TYPESENSE_API_KEY'];

/** Every string value anywhere in the parsed document (comments are not part of it). */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

/** Names interpolated by compose: `${VAR…}` and `$VAR`, but not the `$$` escape. */
function interpolatedVariables(values: string[]): Set<string> {
  const names = new Set<string>();
  for (const value of values) {
    const unescaped = value.replace(/\$\$/g, '');
    for (const m of unescaped.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
    for (const m of unescaped.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  }
  return names;
}

/** True when docs/deploy.md has a table row for the variable: | `VAR` | … */
function documented(name: string): boolean {
  return new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(deployDoc);
}

function envKeys(service: Service): string[] {
  const env = service.environment ?? {};
  return Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env);
}

function dependency(service: Service, on: string): { condition?: string } | undefined {
  const deps = service.depends_on;
  if (!deps) return undefined;
  if (Array.isArray(deps)) return deps.includes(on) ? {} : undefined;
  return deps[on];
}

/** Body of the first nginx block `location <path> { … }` (brace-matched), or undefined. */
function locationBlock(conf: string, location: string): string | undefined {
  const start = conf.search(new RegExp(`location\\s+${location.replace(/[/.]/g, '\\$&')}\\s*\\{`));
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = conf.indexOf('{', start); i < conf.length; i++) {
    if (conf[i] === '{') depth++;
    else if (conf[i] === '}' && --depth === 0) return conf.slice(conf.indexOf('{', start) + 1, i);
  }
  return undefined;
}

/** Stage bodies of a multi-stage Dockerfile, keyed by stage name. */
function dockerStages(text: string): Record<string, string> {
  const stages: Record<string, string> = {};
  const parts = text.split(/^FROM\s+/im).slice(1);
  for (const part of parts) {
    const name = /^\S+\s+AS\s+(\S+)/i.exec(part)?.[1];
    if (name) stages[name.toLowerCase()] = part;
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it('defines exactly the eight Argus services', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICES].sort());
  });

  it('documents every interpolated variable in docs/deploy.md', () => {
    const vars = interpolatedVariables(strings(compose));
    expect(vars.size).toBeGreaterThan(10);
    const undocumented = [...vars].filter((v) => !documented(v));
    expect(undocumented, 'variables missing from the tables in docs/deploy.md').toEqual([]);
  });

  it('hands every application variable to api and worker, and documents each', () => {
    for (const name of ['api', 'worker']) {
      const keys = envKeys(compose.services[name]);
      expect(APP_VARIABLES.filter((v) => !keys.includes(v)), `${name} environment`).toEqual([]);
      expect(keys.filter((k) => !documented(k)), `${name} environment keys missing from docs/deploy.md`).toEqual([]);
    }
  });

  it('documents every variable the platform config reads', () => {
    // activities/src/platform/config.ts is the single list of variables the app reads.
    const configFile = path.join(root, 'activities/src/platform/config.ts');
    if (!existsSync(configFile)) {
      console.log('note: activities/src/platform/config.ts not found; config/doc sync not checked.');
      return;
    }
    const source = readFileSync(configFile, 'utf8');
    const body = /ZPlatformEnv\s*=\s*z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
    const keys = [...body.matchAll(/^\s{2}([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]);
    expect(keys.length, 'keys parsed from ZPlatformEnv').toBeGreaterThan(20);
    expect(keys.filter((k) => !documented(k)), 'config variables missing from docs/deploy.md').toEqual([]);
  });

  it('makes the secrets required with ${VAR:?…}', () => {
    for (const secret of REQUIRED_SECRETS) {
      expect(composeText, secret).toMatch(new RegExp(`\\$\\{${secret}:\\?[^}]+\\}`));
      expect(composeText, `${secret} must not get a default`).not.toMatch(new RegExp(`\\$\\{${secret}:?-`));
    }
  });

  it('pins every image tag (no implicit or :latest tags)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) {
        // Locally built image: an explicit, non-latest tag is enough (may come from a variable).
        if (service.image) expect(service.image, name).toMatch(/:(?!latest\b)[^/]+$/);
        continue;
      }
      expect(service.image, `${name} needs an image`).toBeTypeOf('string');
      const image = service.image as string;
      expect(image, `${name}: no variables in third-party image references`).not.toContain('$');
      const tag = /^[^@]+:([^:@/]+)(@sha256:[0-9a-f]{64})?$/.exec(image)?.[1];
      expect(tag, `${name}: ${image} has no tag`).toBeDefined();
      expect(tag, `${name}: ${image}`).not.toBe('latest');
      expect(tag, `${name}: ${image} tag should carry a version number`).toMatch(/\d/);
    }
    for (const from of dockerfile.matchAll(/^ARG\s+\w+_IMAGE=(\S+)/gm)) {
      expect(from[1]).toMatch(/:[^:]*\d/);
      expect(from[1]).not.toMatch(/:latest$/);
    }
  });

  it('uses the expected images and build targets', () => {
    const s = compose.services;
    expect(s.postgres.image).toMatch(/^postgres:/);
    expect(s.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(s['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    expect(s.typesense.image).toMatch(/^typesense\/typesense:/);
    const target = (svc: Service) => (typeof svc.build === 'object' ? svc.build.target : undefined);
    const dockerfileOf = (svc: Service) => (typeof svc.build === 'object' ? svc.build.dockerfile : undefined);
    expect(target(s.api)).toBe('app');
    expect(target(s.worker)).toBe('app');
    expect(target(s.portal)).toBe('portal');
    expect(target(s.admin)).toBe('admin');
    for (const name of ['api', 'worker', 'portal', 'admin']) {
      expect(dockerfileOf(s[name]), name).toBe('scripts/docker/Dockerfile');
    }
    expect(String(s.api.command)).toContain('api/src/server.ts');
    expect(String(s.worker.command)).toContain('activities/src/worker.ts');
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, `${name} healthcheck`).toBeTruthy();
      expect(service.healthcheck?.disable, name).not.toBe(true);
    }
  });

  it('starts api and worker only after postgres and temporal are healthy', () => {
    for (const name of ['api', 'worker']) {
      for (const dep of ['postgres', 'temporal']) {
        expect(dependency(compose.services[name], dep)?.condition, `${name} -> ${dep}`).toBe('service_healthy');
      }
    }
    expect(dependency(compose.services.temporal, 'postgres')?.condition).toBe('service_healthy');
    // Every `service_healthy` dependency points at a service that has a healthcheck.
    for (const [name, service] of Object.entries(compose.services)) {
      const deps = service.depends_on;
      if (!deps || Array.isArray(deps)) continue;
      for (const [dep, spec] of Object.entries(deps)) {
        expect(compose.services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
        if (spec?.condition === 'service_healthy') expect(compose.services[dep].healthcheck, dep).toBeDefined();
      }
    }
  });

  it('keeps state in declared named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const named: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      for (const v of service.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source ?? '';
        if (!source || source.startsWith('.') || source.startsWith('/') || source.startsWith('~')) continue;
        expect(declared, `${name} uses undeclared volume ${source}`).toContain(source);
        named.push(`${name}:${source}`);
      }
    }
    expect(named.some((n) => n.startsWith('postgres:'))).toBe(true);
    expect(named.some((n) => n.startsWith('typesense:'))).toBe(true);
  });

  it('runs temporal on the postgres service', () => {
    const env = compose.services.temporal.environment as Record<string, unknown>;
    expect(env.DB).toBe('postgres12');
    expect(env.POSTGRES_SEEDS).toBe('postgres');
    expect(String(env.DB_PORT)).toBe('5432');
    expect(String(env.POSTGRES_PWD)).toContain('POSTGRES_PASSWORD');
    const ui = compose.services['temporal-ui'].environment as Record<string, unknown>;
    expect(ui.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const api = compose.services.api.environment as Record<string, unknown>;
    expect(api.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(String(api.DATABASE_URL)).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    const typesense = strings(compose.services.typesense.command);
    expect(typesense).toContain('--data-dir');
    expect(typesense).toContain('--api-key');
  });
});

describe('docker-compose.yml against the Compose Specification schema', () => {
  // compose-go's schema/compose-spec.json, the schema `docker compose` itself validates with (see the README).
  const schema = JSON.parse(read('e2e/fixtures/compose/compose-spec.json')) as Record<string, unknown>;
  // Unknown keywords and formats stay errors (strictSchema); strictTypes only lints schema style.
  const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false });
  addFormats(ajv);
  // compose-go registers "duration" (Go's time.ParseDuration) itself; same here, should the schema use it.
  ajv.addFormat('duration', /^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))*$/);
  const validate = ajv.compile(schema);
  const errorsOf = (doc: unknown) => (validate(doc) ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'));
  // A fresh copy each time (merge keys resolved, as compose does), so a negative case cannot leak into another.
  const fresh = () => parse(composeText, { merge: true }) as ComposeFile & Record<string, unknown>;

  it('is the vendored Compose Specification schema', () => {
    expect(schema.title).toBe('Compose Specification');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(read('e2e/fixtures/compose/README.md')).toMatch(/github\.com\/compose-spec\/compose-go\/v2.*\n?.*v2\.\d+\.\d+/);
  });

  it('accepts docker-compose.yml', () => {
    expect(errorsOf(fresh())).toEqual([]);
  });

  it('rejects a service with an unknown key', () => {
    const doc = fresh();
    (doc.services.api as Record<string, unknown>).restart_policy = 'always';
    const errors = errorsOf(doc);
    expect(errors.join('\n')).toMatch(/\/services\/api must NOT have (additional|unevaluated) properties/);
  });

  it('rejects a value of the wrong type', () => {
    const doc = fresh();
    // Numbers may also be strings (for interpolation), but never a mapping.
    (doc.services.postgres.healthcheck as Record<string, unknown>).retries = { count: 20 };
    expect(errorsOf(doc).join('\n')).toMatch(/\/services\/postgres\/healthcheck\/retries must be number,string/);
    const ports = fresh();
    (ports.services.portal as Record<string, unknown>).ports = '8080:80';
    expect(errorsOf(ports).join('\n')).toMatch(/\/services\/portal\/ports must be array/);
  });

  it('rejects an unknown top-level key (only x- extensions are free-form)', () => {
    const doc = fresh();
    doc.extra_settings = { a: 1 };
    expect(errorsOf(doc).join('\n')).toMatch(/^data must NOT have (additional|unevaluated) properties/m);
    const extension = fresh();
    extension['x-anything'] = { a: 1 };
    expect(errorsOf(extension)).toEqual([]);
  });
});

describe('portal/admin nginx', () => {
  const upstream = /proxy_pass\s+(?:http:\/\/api:4000|\$(\w+))\s*;/;
  const resolvesToApi = (block: string) => {
    const m = upstream.exec(block);
    if (!m) return false;
    if (!m[1]) return true;
    return new RegExp(`set\\s+\\$${m[1]}\\s+http://api:4000\\s*;`).test(nginxConf);
  };

  it('proxies /api to http://api:4000', () => {
    const block = locationBlock(nginxConf, '/api/') ?? locationBlock(nginxConf, '/api');
    expect(block, 'location /api/').toBeDefined();
    expect(resolvesToApi(block as string)).toBe(true);
  });

  it('proxies /ws to http://api:4000 with the WebSocket upgrade', () => {
    const block = locationBlock(nginxConf, '/ws/') ?? locationBlock(nginxConf, '/ws');
    expect(block, 'location /ws/').toBeDefined();
    const ws = block as string;
    expect(resolvesToApi(ws)).toBe(true);
    expect(ws).toMatch(/proxy_http_version\s+1\.1\s*;/);
    expect(ws).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade\s*;/);
    expect(ws).toMatch(/proxy_set_header\s+Connection\s+(?:"?upgrade"?|\$connection_upgrade)\s*;/i);
  });

  it('falls back to index.html for client-side routes', () => {
    const block = locationBlock(nginxConf, '/');
    expect(block).toMatch(/try_files\s+[^;]*\/index\.html\s*;/);
  });

  it('is baked into both the portal and admin images', () => {
    const stages = dockerStages(dockerfile);
    expect(Object.keys(stages)).toEqual(expect.arrayContaining(['app', 'portal', 'admin']));
    expect(stages.app).toMatch(/node:20-bookworm-slim|\$\{?NODE_IMAGE/);
    expect(dockerfile).toMatch(/ARG\s+NODE_IMAGE=node:20-bookworm-slim/);
    expect(dockerfile).toMatch(/ARG\s+NGINX_IMAGE=nginx:1\.27-alpine/);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build -w portal -w admin-ui/);
    for (const [stage, dist] of [['portal', 'portal/dist'], ['admin', 'admin-ui/dist']]) {
      expect(stages[stage], stage).toMatch(/COPY\s+scripts\/docker\/nginx\.conf\s+\/etc\/nginx\/conf\.d\/default\.conf/);
      expect(stages[stage], stage).toContain(dist);
    }
  });
});

describe('scripts/docker/Dockerfile', () => {
  it('copies every workspace manifest before `npm ci` (else the lockfile install fails)', () => {
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const deps = dockerStages(dockerfile).deps ?? '';
    const beforeInstall = deps.slice(0, deps.indexOf('npm ci'));
    for (const ws of workspaces) {
      expect(beforeInstall, ws).toMatch(new RegExp(`COPY\\s+${ws}/package\\.json\\s`));
    }
    expect(beforeInstall).toMatch(/COPY\s+package\.json\s+package-lock\.json/);
  });

  it('keeps host artefacts out of the build context', () => {
    const ignore = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['**/node_modules', '**/dist', '.git', '.env']) expect(ignore, entry).toContain(entry);
  });
});

describe('docker compose config', () => {
  const dummyEnv = {
    POSTGRES_PASSWORD: 'dummy-postgres-password',
    JWT_SECRET: 'dummy-jwt-secret-dummy-jwt-secret-0123',
    ARGUS_ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    TYPESENSE_API_KEY: 'dummy-typesense-key',
  };

  it('accepts the file with the required variables set and rejects it without', { timeout: 60_000 }, () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.log('note: `docker compose` is not available here; skipped `docker compose config -q`.');
      return;
    }
    // An empty --env-file keeps a developer's .env out of the result; the required variables
    // are removed from the inherited environment and then given dummy values.
    const dir = mkdtempSync(path.join(tmpdir(), 'argus-compose-'));
    try {
      const emptyEnvFile = path.join(dir, 'empty.env');
      writeFileSync(emptyEnvFile, '');
      const baseEnv: NodeJS.ProcessEnv = { ...process.env };
      for (const key of Object.keys(dummyEnv)) delete baseEnv[key];
      const run = (env: NodeJS.ProcessEnv) =>
        spawnSync('docker', ['compose', '-f', composePath, '--env-file', emptyEnvFile, 'config', '-q'], {
          cwd: root,
          env,
          encoding: 'utf8',
        });

      const ok = run({ ...baseEnv, ...dummyEnv });
      expect(ok.status, ok.stderr).toBe(0);

      const missing = run(baseEnv);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/POSTGRES_PASSWORD|JWT_SECRET|ARGUS_ENCRYPTION_KEYS|TYPESENSE_API_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { AnalyzerId, Severity } from './types';
import { FILE_ROLES, type ClassifyOverrides } from './classify';
import { realPathInRoot } from './source';

/** Max allowed NEW findings per severity before the quality gate fails. A missing key means "no limit". */
type GateLimits = Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>;

export interface ArgusConfig {
  analyzers: Record<AnalyzerId, boolean>;
  /** Globs (.gitignore syntax) of paths never analyzed. */
  ignore: string[];
  gate: { new: GateLimits };
  /** Globs per file role (test, example, docs, fixture, production), winning over the built-in conventions. */
  classify: ClassifyOverrides;
  /** Per rule id (`eslint/no-console`, `taint/log-injection`, or the part after the tool prefix): off or a severity. */
  rules: Record<string, 'off' | Severity>;
}

export interface ConfigError {
  /** Dotted path of the offending key (`analyzers.eslint`, `ignore[2]`, `gate.new.high`), or '' for the whole file. */
  path: string;
  message: string;
}

export interface LoadedConfig {
  config: ArgusConfig;
  errors: ConfigError[];
  /** The file the config came from, relative to the root, or null when there is none. */
  file: string | null;
  /** What the file itself sets (the rest are defaults), so repository settings from the portal apply only elsewhere. */
  explicit?: ExplicitConfig;
}

/** The parts of the configuration an .argus.yml sets itself. */
interface ExplicitConfig {
  /** The file sets `gate.new`: the whole gate comes from it. */
  gate: boolean;
  /** Rule ids the file sets (off or a severity). */
  rules: string[];
}

const CONFIG_FILE_NAMES = ['.argus.yml', '.argus.yaml'] as const;
const MAX_CONFIG_BYTES = 256 * 1024;

export function defaultConfig(): ArgusConfig {
  return {
    analyzers: { eslint: true, ruff: true, secrets: true, 'ast-grep': true, taint: true, 'config-files': true },
    ignore: [],
    gate: { new: { critical: 0, high: 0 } },
    classify: {},
    rules: {},
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const toggle = z.boolean({ error: (iss) => `must be true or false (got ${describe(iss.input)})` });
const limit = z
  .number({ error: (iss) => `must be a whole number >= 0, or null for no limit (got ${describe(iss.input)})` })
  .int({ error: (iss) => `must be a whole number >= 0 (got ${describe(iss.input)})` })
  .min(0, { error: (iss) => `must be >= 0 (got ${describe(iss.input)})` })
  .nullable();

const ANALYZER_KEYS = ['eslint', 'ruff', 'secrets', 'ast-grep', 'taint', 'config-files'] as const;
const RULE_SETTINGS = ['off', 'critical', 'high', 'medium', 'low', 'info'] as const;
const globList = z.array(
  z.string({ error: (iss) => `must be a glob string (got ${describe(iss.input)})` }).refine((s) => s.trim() !== '', { error: 'must not be empty' }),
  { error: (iss) => `must be a list of glob strings (got ${describe(iss.input)})` },
);
const SEVERITY_KEYS = ['critical', 'high', 'medium', 'low'] as const;

const schema = z.strictObject(
  {
    version: z.literal(1, { error: (iss) => `must be 1 (got ${describe(iss.input)})` }).optional(),
    analyzers: z
      .strictObject(
        { eslint: toggle.optional(), ruff: toggle.optional(), secrets: toggle.optional(), 'ast-grep': toggle.optional(), taint: toggle.optional(), 'config-files': toggle.optional() },
        { error: (iss) => `must be a mapping of analyzer name to true/false (got ${describe(iss.input)})` },
      )
      .nullish(),
    ignore: z
      .array(
        z
          .string({ error: (iss) => `must be a glob string (got ${describe(iss.input)})` })
          .refine((s) => s.trim() !== '', { error: 'must not be empty' }),
        { error: (iss) => `must be a list of glob strings (got ${describe(iss.input)})` },
      )
      .nullish(),
    gate: z
      .strictObject(
        {
          new: z
            .strictObject(
              { critical: limit.optional(), high: limit.optional(), medium: limit.optional(), low: limit.optional() },
              { error: (iss) => `must be a mapping of severity to a maximum count (got ${describe(iss.input)})` },
            )
            .nullish(),
        },
        { error: (iss) => `must be a mapping with a "new" key (got ${describe(iss.input)})` },
      )
      .nullish(),
    classify: z
      .strictObject(
        Object.fromEntries(FILE_ROLES.map((r) => [r, globList.optional()])) as Record<(typeof FILE_ROLES)[number], z.ZodOptional<typeof globList>>,
        { error: (iss) => `must be a mapping of file role (${FILE_ROLES.join(', ')}) to a list of globs (got ${describe(iss.input)})` },
      )
      .nullish(),
    rules: z
      .record(
        z.string().min(1).max(300),
        z.enum(RULE_SETTINGS, { error: (iss) => `must be one of ${RULE_SETTINGS.join(', ')} (got ${describe(iss.input)})` }),
        { error: (iss) => `must be a mapping of rule id to off or a severity (got ${describe(iss.input)})` },
      )
      .nullish(),
  },
  { error: (iss) => `the config must be a mapping (got ${describe(iss.input)})` },
);

type ParsedConfig = z.infer<typeof schema>;

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['version', 'analyzers', 'ignore', 'gate', 'classify', 'rules'],
  classify: FILE_ROLES,
  analyzers: ANALYZER_KEYS,
  gate: ['new'],
  'gate.new': SEVERITY_KEYS,
};

function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

function unknownKeyMessage(key: string, parent: string): string {
  const allowed = KNOWN_KEYS[parent] ?? [];
  const close = allowed.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = close.length > 0 ? ` Did you mean "${close[0]}"?` : '';
  return `unknown key "${key}".${hint} Allowed here: ${allowed.join(', ')}.`;
}

const REMOVE = Symbol('remove');

/** Removes the value at `p` from `data` (array elements are marked, then filtered), so the default applies. */
function dropAt(data: unknown, p: readonly PropertyKey[]): unknown {
  if (p.length === 0) return {};
  let node: unknown = data;
  for (const seg of p.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return data;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  if (node === null || typeof node !== 'object') return data;
  const last = p[p.length - 1]!;
  if (Array.isArray(node) && typeof last === 'number') node[last] = REMOVE;
  else delete (node as Record<PropertyKey, unknown>)[last];
  return data;
}

function purgeRemoved(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== REMOVE).map(purgeRemoved);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = purgeRemoved(v);
  }
  return value;
}

function resolve(parsed: ParsedConfig): ArgusConfig {
  const config = defaultConfig();
  for (const key of ANALYZER_KEYS) {
    const v = parsed.analyzers?.[key];
    if (v !== undefined) config.analyzers[key] = v;
  }
  if (parsed.ignore) config.ignore = [...new Set(parsed.ignore.map((g) => g.trim()))];
  const gate = parsed.gate?.new;
  if (gate) {
    for (const key of SEVERITY_KEYS) {
      const v = gate[key];
      if (v === null) delete config.gate.new[key];
      else if (v !== undefined) config.gate.new[key] = v;
    }
  }
  for (const role of FILE_ROLES) {
    const globs = parsed.classify?.[role];
    if (globs?.length) config.classify[role] = [...new Set(globs.map((g) => g.trim()))];
  }
  if (parsed.rules) config.rules = { ...parsed.rules };
  return config;
}

/**
 * Parses the text of an .argus.yml. Never throws: problems come back as readable errors, and the defaults
 * stand in for every invalid part (an invalid key falls back to its default, the valid rest is kept).
 */
export function parseArgusConfig(text: string, fileName = '.argus.yml'): { config: ArgusConfig; errors: ConfigError[]; explicit?: ExplicitConfig } {
  const errors: ConfigError[] = [];
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    return { config: defaultConfig(), errors: [{ path: '', message: `${fileName}: could not be read as YAML (${(err as Error).message}); using the defaults` }] };
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      const first = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
      errors.push({ path: '', message: `${fileName}: invalid YAML${where}: ${first}` });
    }
    errors.push({ path: '', message: `${fileName}: using the default configuration because the file is not valid YAML` });
    return { config: defaultConfig(), errors };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { config: defaultConfig(), errors: [{ path: '', message: `${fileName}: ${(err as Error).message}; using the defaults` }] };
  }
  if (data === null || data === undefined) return { config: defaultConfig(), errors };

  /** "line N: " of the key (or list item) at a config path, when the document has it. */
  const lineOf = (p: readonly PropertyKey[]): string => {
    try {
      const segs = p.filter((seg): seg is string | number => typeof seg !== 'symbol');
      if (segs.length === 0) return '';
      const last = segs[segs.length - 1]!;
      let node: unknown;
      if (typeof last === 'number') {
        node = doc.getIn(segs, true);
      } else {
        const parent = segs.length === 1 ? doc.contents : doc.getIn(segs.slice(0, -1), true);
        node = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key : undefined;
      }
      const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      return offset === undefined ? '' : `line ${lineCounter.linePos(offset).line}: `;
    } catch {
      return '';
    }
  };

  for (let attempt = 0; attempt < 10; attempt++) {
    const result = schema.safeParse(data);
    if (result.success) return { config: resolve(result.data), errors, explicit: { gate: Boolean(result.data.gate?.new), rules: Object.keys(result.data.rules ?? {}) } };
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const parent = formatPath(issue.path);
        for (const key of issue.keys) {
          const keyPath = [...issue.path, key];
          errors.push({ path: formatPath(keyPath), message: `${lineOf(keyPath)}${unknownKeyMessage(key, parent)} It is ignored.` });
          data = dropAt(data, keyPath);
        }
      } else {
        const where = formatPath(issue.path);
        errors.push({ path: where, message: `${lineOf(issue.path)}${where === '' ? '' : `${where} `}${issue.message}; using the default` });
        data = dropAt(data, issue.path);
      }
    }
    data = purgeRemoved(data);
  }
  errors.push({ path: '', message: `${fileName}: could not be validated; using the default configuration` });
  return { config: defaultConfig(), errors };
}

/** Loads `.argus.yml` (or `.argus.yaml`) from the root of a checkout. Never throws. */
export async function loadArgusConfig(root: string): Promise<LoadedConfig> {
  const present: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    try {
      const st = await lstat(path.join(root, name));
      if (st.isSymbolicLink()) {
        return { config: defaultConfig(), errors: [{ path: '', message: `${name} is a symbolic link, which is not followed; using the defaults` }], file: null };
      }
      if (st.isFile()) present.push(name);
    } catch {
      // Not there.
    }
  }
  const file = present[0];
  if (file === undefined) return { config: defaultConfig(), errors: [], file: null };

  const errors: ConfigError[] = [];
  if (present.length > 1) errors.push({ path: '', message: `both ${present.join(' and ')} exist; using ${file}` });
  let text: string;
  try {
    // Never through a symlink out of the checkout: a parse error would echo the target's content to the user.
    const buf = await readFile(await realPathInRoot(root, file));
    if (buf.length > MAX_CONFIG_BYTES) {
      return { config: defaultConfig(), errors: [...errors, { path: '', message: `${file} is larger than ${MAX_CONFIG_BYTES / 1024} KB; using the defaults` }], file };
    }
    text = buf.toString('utf8');
  } catch (err) {
    return { config: defaultConfig(), errors: [...errors, { path: '', message: `${file} could not be read (${(err as Error).message}); using the defaults` }], file };
  }
  const parsed = parseArgusConfig(text, file);
  return { config: parsed.config, errors: [...errors, ...parsed.errors], file, explicit: parsed.explicit };
}

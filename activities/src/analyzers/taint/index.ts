import path from 'node:path';
import { isSafeRelativePath, readSource, readSourceSync, snippetOf, splitLines } from '../source';
import { compareFindings, isDeclarationFile, languageOf, throwIfAborted } from '../types';
import type { AnalyzeInput, Analyzer, RawFinding } from '../types';
import { findTaintFlows, parseModule, relativeImports, type ModuleInfo, type TaintFlow } from './engine';
import { findPythonTaintFlows } from './python';
import type { SinkKind } from './specs';

export { SINK_KINDS } from './specs';

const RESOLVE_SUFFIXES = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts', '/index.js', '/index.ts', '/index.mjs', '/index.jsx', '/index.tsx'];
/** How many levels of relative imports are followed from a file. */
const IMPORT_DEPTH = 3;
/** Files larger than this are not parsed for taint (generated bundles). */
const MAX_TAINT_BYTES = 512 * 1024;

const TITLES: Record<SinkKind, string> = {
  'code-injection': 'Code injection: data the client controls is executed as code',
  'command-injection': 'OS command injection: data the client controls reaches a command',
  'sql-injection': 'SQL injection: data the client controls is built into a SQL query',
  'nosql-injection': 'NoSQL injection: data the client controls shapes a database query',
  'open-redirect': 'Open redirect: the client chooses where the user is sent',
  ssrf: 'Server-side request forgery: the client chooses the URL the server requests',
  'path-traversal': 'Path traversal: the client chooses a file path',
  xss: 'Cross-site scripting: data the client controls is written into HTML',
  'regex-injection': 'Regular expression injection (ReDoS): the client writes the pattern',
  'log-injection': 'Log injection: data the client controls is written to the log unescaped',
  'dynamic-import': 'Dynamic module loading: the client chooses what is required or imported',
  deserialization: 'Insecure deserialization: data the client controls is deserialized into objects or code',
  'template-injection': 'Server-side template injection: data the client controls is compiled as a template',
};

/** Flows from request data are high or critical; log injection (a forged log line) is medium. */
const SEVERITY: Record<SinkKind, 'critical' | 'high' | 'medium'> = {
  'code-injection': 'critical',
  'command-injection': 'critical',
  'sql-injection': 'critical',
  'nosql-injection': 'high',
  'open-redirect': 'high',
  ssrf: 'high',
  'path-traversal': 'high',
  xss: 'high',
  'regex-injection': 'high',
  'log-injection': 'medium',
  'dynamic-import': 'critical',
  deserialization: 'critical',
  'template-injection': 'critical',
};

function taintAppliesTo(p: string): boolean {
  const lang = languageOf(p);
  return ((lang === 'javascript' || lang === 'typescript') && !isDeclarationFile(p)) || lang === 'python';
}

/** JavaScript/TypeScript modules that relative imports may resolve to (Python is analysed file by file). */
function jsModule(p: string): boolean {
  const lang = languageOf(p);
  return (lang === 'javascript' || lang === 'typescript') && !isDeclarationFile(p);
}

/** Turns an engine flow into a finding with the path in its message (the full path is in `flow`). */
function flowToFinding(flow: TaintFlow, lines: readonly string[], origin: string): RawFinding {
  const hops = flow.steps.map((s) => `${s.note} (${s.path}:${s.line})`);
  const shown = hops.length > 6 ? [...hops.slice(0, 2), `… ${hops.length - 4} more steps …`, ...hops.slice(-2)] : hops;
  return {
    tool: 'taint',
    ruleId: `taint/${flow.kind}`,
    category: 'security',
    severity: SEVERITY[flow.kind],
    path: flow.path,
    startLine: flow.startLine,
    startColumn: flow.startColumn,
    endLine: flow.endLine,
    endColumn: flow.endColumn,
    message: `${TITLES[flow.kind]}. ${flow.source} reaches ${flow.sink}: ${shown.join(' → ')}.`,
    snippet: snippetOf(lines, flow.startLine, flow.endLine),
    helpUrl: null,
    flow: flow.steps,
    origin,
  };
}

/**
 * Parsed modules kept across the batches of one checkout (a thread analyzes many batches of a run, and their files
 * import the same modules): a pull request's importers share most of what they import. Keyed by the file's text, so a
 * hit is the same parse; bounded by source size, least recently used first out; another checkout starts afresh.
 */
const PARSE_CACHE_MAX_CHARS = 1024 * 1024;
const parseCache = { root: '', chars: 0, modules: new Map<string, { text: string; mod: ModuleInfo }>() };

function parsedModule(root: string, rel: string, text: string): ModuleInfo {
  if (parseCache.root !== root) {
    parseCache.root = root;
    parseCache.chars = 0;
    parseCache.modules.clear();
  }
  const hit = parseCache.modules.get(rel);
  if (hit && hit.text === text) {
    parseCache.modules.delete(rel);
    parseCache.modules.set(rel, hit);
    return hit.mod;
  }
  if (hit) {
    parseCache.modules.delete(rel);
    parseCache.chars -= hit.text.length;
  }
  const mod = parseModule(rel, text);
  parseCache.modules.set(rel, { text, mod });
  parseCache.chars += text.length;
  for (const [key, entry] of parseCache.modules) {
    if (parseCache.chars <= PARSE_CACHE_MAX_CHARS) break;
    parseCache.modules.delete(key);
    parseCache.chars -= entry.text.length;
  }
  return mod;
}

/**
 * The modules of one analysis, loaded when a flow first enters them: a file that imports hundreds of modules (a
 * plugin's rule index) costs one parse unless its calls carry taint into them. Parses are shared across files.
 */
class ModuleCache {
  private readonly modules = new Map<string, ModuleInfo | null>();
  private readonly edges = new Map<string, string[]>();
  private readonly resolved = new Map<string, string | null>();
  constructor(private readonly root: string) {}

  /** The parsed module, or null when it cannot be read, is too large (generated bundles) or is not a module. */
  load(rel: string): ModuleInfo | null {
    if (this.modules.has(rel)) return this.modules.get(rel)!;
    let mod: ModuleInfo | null = null;
    try {
      const text = readSourceSync(this.root, rel);
      if (text.length <= MAX_TAINT_BYTES) mod = parsedModule(this.root, rel, text);
    } catch {
      mod = null;
    }
    this.modules.set(rel, mod);
    return mod;
  }

  get(rel: string): ModuleInfo | null {
    return this.modules.get(rel) ?? null;
  }

  /** The modules a module imports relatively, resolved to files of the checkout. */
  edgesOf(rel: string): string[] {
    let targets = this.edges.get(rel);
    if (!targets) {
      const mod = this.load(rel);
      targets = [];
      for (const spec of mod ? relativeImports(mod) : []) {
        const target = this.resolvePath(rel, spec);
        if (target) targets.push(target);
      }
      this.edges.set(rel, targets);
    }
    return targets;
  }

  resolvePath(fromRel: string, spec: string): string | null {
    const key = `${fromRel}\u0000${spec}`;
    if (this.resolved.has(key)) return this.resolved.get(key)!;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
    const candidates = [...RESOLVE_SUFFIXES.map((s) => base + s)];
    // TypeScript sources import './x.js' for './x.ts'.
    if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
    let found: string | null = null;
    for (const c of candidates) {
      if (!isSafeRelativePath(c) || !jsModule(c)) continue;
      try {
        readSourceSync(this.root, c);
        found = c;
        break;
      } catch {
        // try the next
      }
    }
    this.resolved.set(key, found);
    return found;
  }
}

/**
 * Which modules one file's flows may enter: those within IMPORT_DEPTH relative imports of it (breadth first, so the
 * answer never depends on the order flows go or on other files). A flow asks only for an import of a module it is
 * in, so a module known to be within d imports makes its imports within d + 1: the whole graph is walked only when a
 * flow at the edge of the reach asks further.
 */
class Reach {
  /** An upper bound of each module's import distance from the file. */
  private readonly within = new Map<string, number>();
  private exact: Map<string, number> | null = null;

  constructor(
    private readonly cache: ModuleCache,
    private readonly rel: string,
  ) {
    this.within.set(rel, 0);
  }

  resolve(fromRel: string, spec: string): ModuleInfo | null {
    const from = this.within.get(fromRel);
    if (from === undefined) return null;
    const target = this.cache.resolvePath(fromRel, spec);
    if (!target) return null;
    let distance = from + 1;
    if (distance > IMPORT_DEPTH) {
      const exact = this.distances().get(target);
      if (exact === undefined) return null;
      distance = exact;
    }
    if (distance < (this.within.get(target) ?? Infinity)) this.within.set(target, distance);
    return this.cache.load(target);
  }

  private distances(): Map<string, number> {
    if (this.exact) return this.exact;
    const exact = new Map([[this.rel, 0]]);
    let frontier = [this.rel];
    for (let d = 1; d <= IMPORT_DEPTH && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const m of frontier) {
        for (const t of this.cache.edgesOf(m)) {
          if (exact.has(t)) continue;
          exact.set(t, d);
          next.push(t);
        }
      }
      frontier = next;
    }
    for (const [m, d] of exact) if (d < (this.within.get(m) ?? Infinity)) this.within.set(m, d);
    this.exact = exact;
    return exact;
  }
}

export function createTaintAnalyzer(): Analyzer {
  return {
    id: 'taint',
    languages: ['javascript', 'typescript', 'python'],
    appliesTo: taintAppliesTo,
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      const cache = new ModuleCache(input.root);
      const out: RawFinding[] = [];
      const lineCache = new Map<string, string[]>();
      let done = 0;
      for (const rel of input.files) {
        throwIfAborted(input.signal);
        if (languageOf(rel) === 'python') {
          let text: string | null = null;
          try {
            text = await readSource(input.root, rel);
          } catch {
            text = null;
          }
          if (text !== null && text.length <= MAX_TAINT_BYTES) {
            let flows: TaintFlow[] = [];
            try {
              flows = findPythonTaintFlows(rel, text);
            } catch {
              flows = [];
            }
            const lines = splitLines(text);
            for (const flow of flows) out.push(flowToFinding(flow, lines, rel));
          }
          input.onProgress?.(++done);
          continue;
        }
        const mod = cache.load(rel);
        if (mod) {
          let flows: TaintFlow[] = [];
          try {
            // Only modules within reach: what earlier files loaded into the cache must not change this file's flows.
            const reach = new Reach(cache, rel);
            flows = findTaintFlows(mod, { resolve: (from, spec) => reach.resolve(from, spec) });
          } catch {
            // A construct the engine does not handle must not cost the other analyzers' findings.
            flows = [];
          }
          for (const flow of flows) {
            let lines = lineCache.get(flow.path);
            if (!lines) {
              const m = cache.get(flow.path);
              lines = m ? splitLines(m.sf.text) : [];
              lineCache.set(flow.path, lines);
            }
            out.push(flowToFinding(flow, lines, rel));
          }
        }
        input.onProgress?.(++done);
        if (done % 25 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out.sort(compareFindings);
    },
  };
}

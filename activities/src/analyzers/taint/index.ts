import path from 'node:path';
import { isSafeRelativePath, readSource, snippetOf, splitLines } from '../source';
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

/** Loads a file and the modules it imports relatively (cached per analysis), then follows its flows. */
class ModuleCache {
  private readonly modules = new Map<string, ModuleInfo | null>();
  constructor(private readonly root: string) {}

  get(rel: string): ModuleInfo | null {
    return this.modules.get(rel) ?? null;
  }

  /** The smallest depth each module was loaded at: its imports are followed IMPORT_DEPTH - depth levels further. */
  private readonly depths = new Map<string, number>();

  async load(rel: string, depth: number): Promise<void> {
    // A module first met deep in another file's imports is expanded again when met shallower, so a file's
    // flows never depend on which files were analyzed before it (incremental runs rely on that).
    const seen = this.depths.get(rel);
    if (seen !== undefined && seen <= depth) return;
    this.depths.set(rel, depth);
    let mod = this.modules.get(rel) ?? null;
    if (seen === undefined) {
      this.modules.set(rel, null);
      let text: string;
      try {
        text = await readSource(this.root, rel);
      } catch {
        return;
      }
      if (text.length > MAX_TAINT_BYTES) return;
      mod = parseModule(rel, text);
      this.modules.set(rel, mod);
    }
    if (!mod || depth >= IMPORT_DEPTH) return;
    if (!this.edges.has(rel)) {
      const targets: string[] = [];
      for (const spec of relativeImports(mod)) {
        const target = await this.resolvePath(rel, spec);
        if (target) targets.push(target);
      }
      this.edges.set(rel, targets);
    }
    for (const target of this.edges.get(rel)!) await this.load(target, depth + 1);
  }

  private readonly edges = new Map<string, string[]>();

  /** The modules within IMPORT_DEPTH imports of a file (breadth first): all a flow from it may enter. */
  reachableFrom(rel: string): Set<string> {
    const reach = new Set([rel]);
    let frontier = [rel];
    for (let d = 0; d < IMPORT_DEPTH && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const m of frontier) {
        for (const t of this.edges.get(m) ?? []) {
          if (reach.has(t)) continue;
          reach.add(t);
          next.push(t);
        }
      }
      frontier = next;
    }
    return reach;
  }

  private readonly resolved = new Map<string, string | null>();

  async resolvePath(fromRel: string, spec: string): Promise<string | null> {
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
        await readSource(this.root, c);
        found = c;
        break;
      } catch {
        // try the next
      }
    }
    this.resolved.set(key, found);
    return found;
  }

  resolveSync(fromRel: string, spec: string): ModuleInfo | null {
    const target = this.resolved.get(`${fromRel}\u0000${spec}`);
    return target ? this.get(target) : null;
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
        await cache.load(rel, 0);
        const mod = cache.get(rel);
        if (mod) {
          let flows: TaintFlow[] = [];
          try {
            // Only modules within reach: what earlier files loaded into the cache must not change this file's flows.
            const reach = cache.reachableFrom(rel);
            flows = findTaintFlows(mod, { resolve: (from, spec) => { const m = cache.resolveSync(from, spec); return m && reach.has(m.rel) ? m : null; } });
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

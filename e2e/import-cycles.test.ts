import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/processes';

// No import circles in any package's source, type-only imports included (a type circle is still a design circle:
// app.ts imported every feature while 20 features imported AppDeps from app.ts). Workspace packages are resolved
// to their entry files, so a circle across packages is found too.
const PACKAGES: Record<string, string> = {
  '@argus/db': 'db/src/index.ts',
  '@argus/workflows': 'workflows/src/index.ts',
  '@argus/workflows/contract': 'workflows/src/contract.ts',
  '@argus/workflows/interceptors': 'workflows/src/interceptors.ts',
  '@argus/workflows/sinks': 'workflows/src/sinks.ts',
  '@argus/activities': 'activities/src/platform/index.ts',
  '@argus/activities/worker': 'activities/src/worker/index.ts',
};
const ROOTS = ['db/src', 'workflows/src', 'activities/src', 'api/src', 'portal/src', 'admin-ui/src'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  if (PACKAGES[spec]) return path.join(ROOT, PACKAGES[spec]!);
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const TABLES = path.join(ROOT, 'db/src/tables') + path.sep;

/**
 * Every import edge, type-only ones included, with one exception: type-only references between db table modules.
 * Those are Objection relation types (a run has findings, a finding has a run); their values go through
 * db/src/model-registry.ts, so at run time the table modules form no circle.
 */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const edges: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const target = resolve(file, m[3]!);
    if (!target) continue;
    if (m[2] && file.startsWith(TABLES) && target.startsWith(TABLES)) continue;
    edges.push(target);
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    const target = resolve(file, m[1]!);
    if (target) edges.push(target);
  }
  return edges;
}

function findCycles(files: string[], edges: (file: string) => string[]): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(f)), f].map((x) => path.relative(ROOT, x)));
      return;
    }
    state.set(f, 'visiting');
    stack.push(f);
    for (const next of edges(f)) visit(next);
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) visit(f);
  return cycles;
}

describe('import graph', () => {
  it('has no circles in any package, across packages included', () => {
    const files = ROOTS.flatMap((r) => sourceFiles(path.join(ROOT, r)));
    expect(files.length).toBeGreaterThan(100);
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const cycles = findCycles(files, (f) => graph.get(f) ?? importsOf(f));
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a circle when there is one (the old AppDeps shape: app.ts → feature → app.ts)', () => {
    const app = path.join(ROOT, 'api/src/app.ts');
    const feature = path.join(ROOT, 'api/src/runs/runs.routes.ts');
    const edges: Record<string, string[]> = { [app]: [feature], [feature]: [app] };
    expect(findCycles([app], (f) => edges[f] ?? [])).toEqual([['api/src/app.ts', 'api/src/runs/runs.routes.ts', 'api/src/app.ts']]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where a frame's code lives: a package name, Node's own code, or Argus's source folder. */
function ownerOf(url: string): string {
  if (!url) return '(native/gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const local = /\/(api|activities|db|workflows)\/src\/(.*)$/.exec(url);
  return local ? `${local[1]}/src/${local[2]}` : url;
}

/** Self time of a V8 .cpuprofile, by owner (package or file), largest first, as percentages. */
export function summarizeCpuProfile(dir: string, top = 12): string[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return ['(no profile written)'];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
  const byOwner = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    total += hits;
    const name = node.callFrame.functionName === '(idle)' ? '(idle)' : node.callFrame.functionName === '(garbage collector)' ? '(gc)' : ownerOf(node.callFrame.url);
    byOwner.set(name, (byOwner.get(name) ?? 0) + hits);
  }
  const busy = total - (byOwner.get('(idle)') ?? 0) || 1;
  return [...byOwner.entries()]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => `${((100 * hits) / busy).toFixed(1).padStart(5)}%  ${name}`);
}

import { readdirSync, readFileSync } from 'node:fs';

// CPU time per process from /proc (Linux), to say which part of the stack a load spends its time in.
const TICKS_PER_SECOND = 100;

interface ProcessCpu {
  pid: number;
  ppid: number;
  cmdline: string;
  cpuSeconds: number;
}

function readProcesses(): ProcessCpu[] {
  const out: ProcessCpu[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // The process ended while we read it.
    }
  }
  return out;
}

/** Which group a process belongs to: the first group whose root pid is an ancestor (or the process itself). */
function groupOf(proc: ProcessCpu, byPid: Map<number, ProcessCpu>, roots: Map<number, string>): string | null {
  for (let p: ProcessCpu | undefined = proc, hops = 0; p && hops < 16; p = byPid.get(p.ppid), hops++) {
    const group = roots.get(p.pid);
    if (group) return group;
  }
  return null;
}

/** Snapshot of CPU seconds per group. `roots` maps a process id to its group name; descendants count too. */
export function cpuByGroup(roots: Map<number, string>, matchers: { group: string; match: (cmdline: string) => boolean }[] = []): Map<string, number> {
  const procs = readProcesses();
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const totals = new Map<string, number>();
  const allRoots = new Map(roots);
  for (const p of procs) for (const m of matchers) if (m.match(p.cmdline) && !allRoots.has(p.pid)) allRoots.set(p.pid, m.group);
  for (const p of procs) {
    const group = groupOf(p, byPid, allRoots);
    if (group) totals.set(group, (totals.get(group) ?? 0) + p.cpuSeconds);
  }
  return totals;
}

/** "api=41% temporal=35% postgres=18% client=6%" from two snapshots. */
export function shareLine(before: Map<string, number>, after: Map<string, number>): { line: string; seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  for (const [group, s] of after) seconds[group] = s - (before.get(group) ?? 0);
  const total = Object.values(seconds).reduce((a, b) => a + b, 0) || 1;
  const line = Object.entries(seconds)
    .sort((a, b) => b[1] - a[1])
    .map(([group, s]) => `${group}=${((100 * s) / total).toFixed(0)}%(${s.toFixed(1)}s)`)
    .join(' ');
  return { line, seconds };
}

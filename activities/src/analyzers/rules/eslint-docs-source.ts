import type { Linter, Rule } from 'eslint';
import { buildEslintConfig } from '../eslint';

/** Description and link of every rule the ESLint config enables, from the plugins' metadata (sorted by id). */
export async function eslintRuleDocs(): Promise<Record<string, { description: string; url: string | null; type: string | null }>> {
  const { builtinRules } = (await import('eslint/use-at-your-own-risk')) as { builtinRules: Map<string, Rule.RuleModule> };
  const configs = buildEslintConfig();
  const plugins = new Map<string, Record<string, Rule.RuleModule>>();
  const enabled = new Set<string>();
  for (const c of configs as Linter.Config[]) {
    for (const [name, plugin] of Object.entries(c.plugins ?? {})) plugins.set(name, (plugin.rules ?? {}) as Record<string, Rule.RuleModule>);
    for (const [id, v] of Object.entries(c.rules ?? {})) {
      const level = Array.isArray(v) ? v[0] : v;
      // Enabled anywhere counts (tests-relaxed turns some off for test files only).
      if (level !== 'off' && level !== 0) enabled.add(id);
    }
  }
  const out: Record<string, { description: string; url: string | null; type: string | null }> = {};
  for (const id of [...enabled].sort()) {
    const slash = id.lastIndexOf('/');
    const rule = slash < 0 ? builtinRules.get(id) : plugins.get(id.slice(0, slash))?.[id.slice(slash + 1)];
    const meta = rule?.meta;
    const description = meta?.docs?.description ?? '';
    out[id] = { description: description.charAt(0).toUpperCase() + description.slice(1), url: meta?.docs?.url ?? null, type: meta?.type ?? null };
  }
  return out;
}

import { findRepositorySettings, recordArgusYmlSeen, type ArgusYmlSeen, type Db, type RepositoryGateSettings, type RepositorySettingsRow } from '@argus/db';
import type { ArgusConfig, LoadedConfig } from './config';

// A repository's analysis settings from the portal (issue 16) merged with its .argus.yml. The file wins wherever it
// speaks: a gate in the file replaces the portal's gate as a whole; a rule the file sets keeps the file's setting.
// Everything the file leaves out takes the portal's value, and then the built-in default.

const GATE_KEYS = ['critical', 'high', 'medium', 'low', 'secrets'] as const;

/** The gate limits with `secrets` (max new secret findings), which the severity limits of ArgusConfig do not name. */
type GateWithSecrets = ArgusConfig['gate']['new'] & { secrets?: number };

/** Pure merge: the loaded .argus.yml config (with what it sets itself) and the portal's settings of the repository. */
function applyRepositorySettings(loaded: LoadedConfig, settings: Pick<RepositorySettingsRow, 'gate' | 'rules'> | null | undefined): LoadedConfig {
  if (!settings) return loaded;
  const explicit = loaded.explicit ?? { gate: false, rules: [] };
  const config: ArgusConfig = { ...loaded.config, gate: { new: { ...loaded.config.gate.new } }, rules: { ...loaded.config.rules } };
  if (!explicit.gate) {
    const gate: GateWithSecrets = config.gate.new;
    for (const key of GATE_KEYS) {
      const v = settings.gate[key];
      if (v === null) delete gate[key];
      else if (typeof v === 'number') gate[key] = v;
    }
  }
  const setInFile = new Set(explicit.rules);
  for (const [id, setting] of Object.entries(settings.rules)) {
    if (!setInFile.has(id) && setting === 'off') config.rules[id] = 'off';
  }
  return { ...loaded, config };
}

/** What the portal shows as "set in .argus.yml": only what the file sets, never the defaults. */
function argusYmlSeen(loaded: LoadedConfig): ArgusYmlSeen | null {
  if (loaded.file === null) return null;
  const explicit = loaded.explicit ?? { gate: false, rules: [] };
  const gate: RepositoryGateSettings | null = explicit.gate ? { ...loaded.config.gate.new } : null;
  return { gate, rules: Object.fromEntries(explicit.rules.map((id) => [id, loaded.config.rules[id] ?? 'off'])) };
}

/**
 * The analysis's one call (activities/src/analysis.ts, analyzeCommit): records what the checkout's .argus.yml
 * sets, for the portal, and returns the configuration with the repository's portal settings merged in.
 *
 *   const { config, errors } = await withRepositorySettings(knex, { repositoryId: run.repositoryId, commitSha: sha }, await loadArgusConfig(dir));
 */
export async function withRepositorySettings(db: Db, run: { repositoryId: string; commitSha: string | null; pullRequest?: boolean }, loaded: LoadedConfig): Promise<LoadedConfig> {
  // What .argus.yml sets is the default branch's: a pull request may change the file without it being merged.
  if (!run.pullRequest) await recordArgusYmlSeen(db, run.repositoryId, { file: loaded.file, commitSha: run.commitSha, argusYml: argusYmlSeen(loaded) });
  return applyRepositorySettings(loaded, await findRepositorySettings(db, run.repositoryId));
}

import type { Db } from '../knex';

// Owner of `repository_analysis_settings`: what workspace admins set for a repository's analysis in the portal
// (the gate's limits on new findings, rules turned off) and what the newest analysis found in its .argus.yml.

/** Max new findings per severity (and of secrets) before the gate fails; null = no limit; a missing key = the default. */
export type RepositoryGateSettings = Partial<Record<'critical' | 'high' | 'medium' | 'low' | 'secrets', number | null>>;

/** What an analysis read from .argus.yml: only the parts the file sets (null gate = the file sets no gate). */
export interface ArgusYmlSeen {
  gate: RepositoryGateSettings | null;
  rules: Record<string, string>;
}

export interface RepositorySettingsRow {
  repositoryId: string;
  gate: RepositoryGateSettings;
  rules: Record<string, 'off'>;
  argusYml: ArgusYmlSeen | null;
  argusYmlFile: string | null;
  argusYmlCommitSha: string | null;
  argusYmlSeenAt: Date | null;
  updatedBy: string | null;
  updatedAt: Date;
}

const TABLE = 'repository_analysis_settings';

export async function findRepositorySettings(db: Db, repositoryId: string): Promise<RepositorySettingsRow | undefined> {
  return db(TABLE).where({ repositoryId }).first();
}

/**
 * Applies a change from the portal: gate keys replace the stored ones (null = no limit), `rules` entries set a rule
 * off or (null) back on. One statement, so two admins saving at once both land.
 */
export async function updateRepositorySettings(
  db: Db,
  repositoryId: string,
  change: { gate?: RepositoryGateSettings; rules?: Record<string, 'off' | null> },
  updatedBy: string | null,
): Promise<RepositorySettingsRow> {
  return db.transaction(async (trx) => {
    await trx(TABLE).insert({ repositoryId }).onConflict('repository_id').ignore();
    const current = (await trx(TABLE).where({ repositoryId }).forUpdate().first()) as RepositorySettingsRow;
    const gate = change.gate ? { ...current.gate, ...change.gate } : current.gate;
    const rules: Record<string, 'off'> = { ...current.rules };
    for (const [id, setting] of Object.entries(change.rules ?? {})) {
      if (setting === null) delete rules[id];
      else rules[id] = setting;
    }
    const [row] = await trx(TABLE)
      .where({ repositoryId })
      .update({ gate: JSON.stringify(gate), rules: JSON.stringify(rules), updatedBy, updatedAt: trx.fn.now() })
      .returning('*');
    return row as RepositorySettingsRow;
  });
}

/** Records what an analysis found in the repository's .argus.yml (null: the checkout has none). */
export async function recordArgusYmlSeen(db: Db, repositoryId: string, seen: { file: string | null; commitSha: string | null; argusYml: ArgusYmlSeen | null }): Promise<void> {
  const values = { argusYml: seen.argusYml ? JSON.stringify(seen.argusYml) : null, argusYmlFile: seen.file, argusYmlCommitSha: seen.commitSha, argusYmlSeenAt: db.fn.now() };
  await db(TABLE)
    .insert({ repositoryId, ...values })
    .onConflict('repository_id')
    .merge(values);
}

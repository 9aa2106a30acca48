import type { Db } from '../knex';

// Owner of `search_code_files` and `search_code_index`: the source files of each repository's latest
// default-branch analysis, for code search. Written only at analysis time, read only by code search.

export interface CodeFile {
  path: string;
  language: string | null;
  content: string;
}

/**
 * Replaces a repository's indexed files with this run's, in one transaction, unless a newer run's files are
 * already there (a retried or late activity never rolls the index back). Running it twice changes nothing.
 */
export async function replaceCodeFiles(db: Db, run: { runId: string; repositoryId: string; workspaceId: string; runCreatedAt: Date }, files: CodeFile[]): Promise<boolean> {
  const write = async (trx: Db) => {
    // The row lock orders concurrent runs of one repository.
    await trx.raw(
      `insert into search_code_index (repository_id, run_id, run_created_at, files) values (?, ?, ?, 0) on conflict (repository_id) do nothing`,
      [run.repositoryId, run.runId, run.runCreatedAt],
    );
    const current = (await trx.raw(`select run_id, run_created_at from search_code_index where repository_id = ? for update`, [run.repositoryId])).rows[0] as {
      run_id: string;
      run_created_at: Date;
    };
    if (current.run_id !== run.runId && new Date(current.run_created_at) > run.runCreatedAt) return false;
    await trx.raw('delete from search_code_files where repository_id = ?', [run.repositoryId]);
    for (let i = 0; i < files.length; i += 200) {
      const batch = files.slice(i, i + 200);
      await trx.raw(
        `insert into search_code_files (repository_id, path, workspace_id, run_id, language, content)
         select ?, f.path, ?, ?, f.language, f.content from jsonb_to_recordset(?::jsonb) as f(path text, language text, content text)`,
        [run.repositoryId, run.workspaceId, run.runId, JSON.stringify(batch)],
      );
    }
    await trx.raw(`update search_code_index set run_id = ?, run_created_at = ?, files = ?, indexed_at = now() where repository_id = ?`, [
      run.runId,
      run.runCreatedAt,
      files.length,
      run.repositoryId,
    ]);
    return true;
  };
  return 'commit' in db ? write(db) : db.transaction(write);
}

export interface CodeSearchFilters {
  workspaceId: string;
  q: string;
  /** literal: the exact text; word: whole words (letters, digits, underscores), case-insensitive either way. */
  mode: 'literal' | 'word';
  repositoryId?: string;
  language?: string;
  /** Substring of the path. */
  path?: string;
  limit: number;
  offset: number;
}

export interface CodeFileMatch {
  repositoryId: string;
  repositoryName: string;
  runId: string;
  path: string;
  language: string | null;
  content: string;
  indexedAt: Date;
}

const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Files of the workspace whose content matches, most matches first is not knowable from the index, so files
 * come by path. The trigram index answers both modes; the caller extracts lines from the returned content.
 */
export async function searchCodeFiles(db: Db, f: CodeSearchFilters): Promise<{ rows: CodeFileMatch[]; total: number }> {
  const bindings: (string | number)[] = [f.workspaceId];
  let where = 'c.workspace_id = ?';
  if (f.mode === 'literal') {
    where += ' and c.content ilike ?';
    bindings.push(likeContains(f.q));
  } else {
    // The ILIKE lets the trigram index narrow the files; the regex then insists on word boundaries.
    where += ` and c.content ilike ? and c.content ~* ?`;
    bindings.push(likeContains(f.q), `\\m${regexEscape(f.q)}\\M`);
  }
  if (f.repositoryId) {
    where += ' and c.repository_id = ?';
    bindings.push(f.repositoryId);
  }
  if (f.language) {
    where += ' and c.language = ?';
    bindings.push(f.language);
  }
  if (f.path) {
    where += ' and c.path ilike ?';
    bindings.push(likeContains(f.path));
  }
  const result = await db.raw(
    `select c.repository_id, r.full_name as repository_name, c.run_id, c.path, c.language, c.content, c.indexed_at, count(*) over () as total
     from search_code_files c join repositories r on r.id = c.repository_id and r.removed_at is null
     where ${where}
     order by r.full_name, c.path limit ? offset ?`,
    [...bindings, f.limit, f.offset],
  );
  const rows = result.rows as Record<string, unknown>[];
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    rows: rows.map((r) => ({
      repositoryId: r.repository_id as string,
      repositoryName: r.repository_name as string,
      runId: r.run_id as string,
      path: r.path as string,
      language: (r.language as string | null) ?? null,
      content: r.content as string,
      indexedAt: new Date(r.indexed_at as string),
    })),
  };
}

/** Which run's files a repository's code index holds (null before its first default-branch analysis). */
export async function findCodeIndexOfRepository(db: Db, repositoryId: string): Promise<{ runId: string; files: number; indexedAt: Date } | null> {
  const row = (await db.raw('select run_id, files, indexed_at from search_code_index where repository_id = ?', [repositoryId])).rows[0] as
    | { run_id: string; files: number; indexed_at: Date }
    | undefined;
  return row ? { runId: row.run_id, files: row.files, indexedAt: new Date(row.indexed_at) } : null;
}

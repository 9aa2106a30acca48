import type { Knex } from '@argus/db';

/**
 * Bulk findings for search tests and the search-reindex chaos scenario: one repository with one completed run in
 * the workspace, and `count` findings with varied rules and paths, written in one SQL statement (fast enough for
 * 100,000 rows). Answers the run's id.
 */
export async function seedSearchableFindings(knex: Knex, opts: { workspaceId: string; count: number; tag?: string }): Promise<{ runId: string; repositoryId: string }> {
  const tag = opts.tag ?? Math.random().toString(36).slice(2, 8);
  const [repo] = await knex('repositories')
    .insert({ workspaceId: opts.workspaceId, provider: 'git', fullName: `seed/search-${tag}`, cloneUrl: `https://git.example.test/seed/search-${tag}.git` })
    .returning('id');
  const [run] = await knex('analysis_runs')
    .insert({ workspaceId: opts.workspaceId, repositoryId: repo.id, workflowId: `seed-search-${tag}`, trigger: 'push', ref: 'refs/heads/main', commitSha: 'a'.repeat(40), status: 'completed', finishedAt: new Date() })
    .returning('id');
  await knex.raw(
    `insert into findings (run_id, repository_id, workspace_id, tool, rule_id, category, severity, path, start_line, start_column, end_line, end_column, message, snippet, fingerprint)
     select ?, ?, ?, 'eslint', (array['eslint/no-eval', 'eslint/eqeqeq', 'eslint/no-unused-vars', 'taint/sql-injection'])[1 + i % 4], 'bug',
       (array['critical', 'high', 'medium', 'low'])[1 + i % 4], 'src/module_' || (i % 97) || '/file_' || (i % 1013) || '.ts', 1 + i % 400, 1, 1 + i % 400, 10,
       'Seeded finding ' || i || ' in handler ' || (i % 211), 'const value_' || (i % 509) || ' = request.query.id;', md5(? || i)
     from generate_series(1, ?) i`,
    [run.id, repo.id, opts.workspaceId, tag, opts.count],
  );
  return { runId: run.id, repositoryId: repo.id };
}

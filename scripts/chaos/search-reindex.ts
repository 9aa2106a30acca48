import { randomUUID } from 'node:crypto';
import { countSearchableDocuments, type Knex } from '@argus/db';
import { startTypesenseLoopback } from '../../e2e/support/typesense-loopback';
import { seedSearchableFindings } from '../../e2e/support/search-seed';
import { collectionAlias, createTypesenseClient } from '../../activities/src/search/typesense';
import { WORK_QUEUE, type ChaosStack } from './stack';

/**
 * SIGKILL the worker in the middle of a full search reindex into Typesense (the loopback server that speaks
 * Typesense's HTTP API; no Typesense server installs here). After the restart the reindex resumes from its last
 * heartbeat; the live collection must then hold every searchable finding exactly once.
 */
export async function workerSigkillSearchReindex(stack: ChaosStack, report: (line: string, ok: boolean) => void): Promise<void> {
  const typesense = await startTypesenseLoopback();
  try {
    const seeded = 60_000;
    await seedSearchableFindings(stack.knex, { workspaceId: stack.workspaceId, count: seeded, tag: `chaos${Date.now()}` });
    const expected = await countSearchableDocuments(stack.knex as Knex, 'finding');
    const env = { TYPESENSE_URL: typesense.url, TYPESENSE_API_KEY: typesense.apiKey };
    let worker = await stack.spawnWorker(env);
    const handle = await stack.temporal.workflow.start('reindexSearch', { taskQueue: WORK_QUEUE, workflowId: `chaos-reindex-${randomUUID()}`, args: [] });
    // Kill once a few pages of findings are in the new collection, well before the end.
    const findingImports = () => typesense.requests.filter((r) => r.method === 'POST' && /^\/collections\/argus_finding_\d+\/documents\/import$/.test(r.path)).length;
    for (let i = 0; findingImports() < 5; i++) {
      if (i > 2400) throw new Error('the reindex never imported a page of findings');
      await new Promise((r) => setTimeout(r, 50));
    }
    const importsBeforeKill = findingImports();
    await stack.killWorker(worker);
    worker = await stack.spawnWorker(env);
    const result = await handle.result();
    await stack.killWorker(worker);
    const client = createTypesenseClient(typesense.url, typesense.apiKey);
    const live = (await client.aliases(collectionAlias('finding')).retrieve()).collection_name;
    const docs = typesense.documents(live);
    const ids = new Set(docs.map((d) => String(d.id)));
    const lost = Math.max(0, expected - ids.size);
    const duplicated = Math.max(0, docs.length - ids.size) + Math.max(0, ids.size - expected) + Math.max(0, result.documents.finding! - expected);
    report(
      `scenario=worker-sigkill-search-reindex findings=${expected} indexed=${ids.size} reported=${result.documents.finding} imports_before_kill=${importsBeforeKill} lost=${lost} duplicated=${duplicated} 5xx=0`,
      lost === 0 && duplicated === 0 && importsBeforeKill < Math.ceil(expected / 1000),
    );
  } finally {
    await typesense.close();
  }
}

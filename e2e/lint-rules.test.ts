import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The project's real ESLint config, applied to workflow code that breaks the sandbox rules.
const eslint = new ESLint({ cwd: process.cwd() });
const WORKFLOW_FILE = 'workflows/src/probe-readiness.ts';

// The first type-aware lint builds the TypeScript program, which takes a while on a busy 2-core machine.
beforeAll(async () => {
  await eslint.lintText('export const warm = 1;\n', { filePath: WORKFLOW_FILE });
}, 180_000);

async function lintAsWorkflow(code: string) {
  const [result] = await eslint.lintText(code, { filePath: WORKFLOW_FILE });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('workflow sandbox lint rule', () => {
  it.each([
    ["import fs from 'node:fs';", 'Workflow code is sandboxed'],
    ["import { readFile } from 'fs';", 'Workflow code is sandboxed'],
    ["import knex from 'knex';", 'Database access belongs in an activity'],
    ["import { Model } from 'objection';", 'Database access belongs in an activity'],
    ["import * as Sentry from '@sentry/node';", 'Report through the observability sink'],
    ["import { createActivities } from '@argus/activities';", 'Import activities as types only'],
    ["import { startFake } from '../../e2e/support/github-loopback';", 'Test support lives in e2e/support'],
  ])('rejects %s', async (line, message) => {
    const messages = await lintAsWorkflow(`${line}\nexport const x = 1;\n`);
    expect(messages.join('\n')).toContain(message);
  });

  it('allows type-only imports of the activities and the workflow SDK', async () => {
    const messages = await lintAsWorkflow("import type { Activities } from '@argus/activities/worker';\nimport { sleep } from '@temporalio/workflow';\nexport type A = Activities;\nexport const s = sleep;\n");
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('flags floating promises everywhere', async () => {
    const [result] = await eslint.lintText("async function f() {}\nexport function g() { f(); }\n", { filePath: 'api/src/app.ts' });
    expect(result!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  });
});

async function lintAs(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`).join('\n');
}

describe('package boundary lint rules', () => {
  it.each([
    ['api/src/runs/runs.service.ts', "import type { Knex } from 'knex';\nexport const f = (knex: Knex) => knex('analysisRuns').where({ id: 1 });\n"],
    ['api/src/runs/runs.service.ts', "import type { Knex } from 'knex';\nexport const f = (trx: Knex) => trx('analysis_runs as r').select('r.id');\n"],
    ['activities/src/analysis.ts', "import type { Knex } from 'knex';\nexport const f = (knex: Knex) => knex.select('*').from('findings');\n"],
    ['activities/src/analysis.ts', "import type { Knex } from 'knex';\nexport const f = (knex: Knex) => knex.raw('select * from users where id = ?', [1]);\n"],
    ['api/src/teams/teams.service.ts', "import type { Knex } from 'knex';\nexport const f = (deps: { knex: Knex }) => deps.knex('workspace_members').count();\n"],
  ])('refuses a table name outside db/ (%s)', async (file, code) => {
    expect(await lintAs(file, code)).toContain('argus/no-table-names');
  });

  it('lets db/ name its tables', async () => {
    expect(await lintAs('db/src/tables/analysis-runs.ts', "import type { Knex } from 'knex';\nexport const f = (knex: Knex) => knex('analysis_runs').where({ id: 1 });\n")).not.toContain('no-table-names');
  });

  it('keeps the worker side out of the API', async () => {
    expect(await lintAs('api/src/runs/runs.service.ts', "import { createActivities } from '@argus/activities/worker';\nexport const a = createActivities;\n")).toContain('must not load the worker side');
    expect(await lintAs('api/src/runs/runs.service.ts', "import { Worker } from '@temporalio/worker';\nexport const w = Worker;\n")).toContain('must not load the Temporal worker');
    expect(await lintAs('api/src/runs/runs.service.ts', "import { analyzeRepository } from '@argus/workflows';\nexport const w = analyzeRepository;\n")).toContain('as types only');
    expect(await lintAs('api/src/runs/runs.service.ts', "import type { analyzeRepository } from '@argus/workflows';\nexport type W = typeof analyzeRepository;\n")).not.toContain('no-restricted-imports');
  });

  it('starts workflows only through the typed client', async () => {
    const code = "import type { Client } from '@temporalio/client';\nexport const f = (c: Client) => c.workflow.start('analyzeRepository', { taskQueue: 'q', workflowId: 'w', args: [] });\n";
    expect(await lintAs('api/src/runs/runs.service.ts', code)).toContain('Start workflows through');
    expect(await lintAs('api/src/temporal/workflow-client.ts', code)).not.toContain('Start workflows through');
  });

  it('keeps test support out of production source', async () => {
    expect(await lintAs('activities/src/fixes/llm.ts', "import { startLlmLoopback } from '../../../e2e/support/llm-loopback';\nexport const s = startLlmLoopback;\n")).toContain('Test support lives in e2e/support');
    expect(await lintAs('api/src/fixes/fixes.service.ts', "import { x } from './testing/remote';\nexport const s = x;\n")).toContain('Test support lives in e2e/support');
  });
});

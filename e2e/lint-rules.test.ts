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
  ])('rejects %s', async (line, message) => {
    const messages = await lintAsWorkflow(`${line}\nexport const x = 1;\n`);
    expect(messages.join('\n')).toContain(message);
  });

  it('allows type-only imports of the activities and the workflow SDK', async () => {
    const messages = await lintAsWorkflow("import type { Activities } from '@argus/activities';\nimport { sleep } from '@temporalio/workflow';\nexport type A = Activities;\nexport const s = sleep;\n");
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('flags floating promises everywhere', async () => {
    const [result] = await eslint.lintText("async function f() {}\nexport function g() { f(); }\n", { filePath: 'api/src/app.ts' });
    expect(result!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  });
});

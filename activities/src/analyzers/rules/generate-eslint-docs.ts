/**
 * Writes eslint-docs.gen.json: the description and documentation link of every ESLint rule Argus enables, read from
 * the plugins' rule metadata, so the rule catalogue (and the API, which must not load ESLint) has them.
 * Run: npx tsx activities/src/analyzers/rules/generate-eslint-docs.ts   (rules-catalogue.test.ts fails when stale)
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eslintRuleDocs } from './eslint-docs-source';

const target = fileURLToPath(new URL('./eslint-docs.gen.json', import.meta.url));
await writeFile(target, `${JSON.stringify(await eslintRuleDocs(), null, 1)}\n`);
console.info(`wrote ${target}`);

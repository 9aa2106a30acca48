import { readFile, writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, API_TYPES_PATH, renderApiTypes } from './lib/api-types';

// `npm run generate:api-types`: writes portal/src/api/schema.gen.ts from the API's OpenAPI document, built in
// process from `allRoutes` (no server, no database). Commit the result; e2e/api-types.test.ts checks it is current.
const next = await renderApiTypes();
const current = await readFile(API_TYPES_PATH, 'utf8').catch(() => null);
if (current === next) {
  console.log(`${API_TYPES_FILE} is up to date.`);
} else {
  await writeFile(API_TYPES_PATH, next);
  console.log(`Wrote ${API_TYPES_FILE}.`);
}
// The route modules load the API's dependencies (Temporal client, pg); nothing is open, but do not wait for them.
process.exit(0);

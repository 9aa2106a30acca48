import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { allRoutes } from '../../api/src/app';
import { buildOpenApiDocument } from '../../api/src/openapi/openapi';

// The browser's API types, generated from the OpenAPI document that the API builds from its zod schemas (the one
// served at /openapi.json). `npm run generate:api-types` writes them; e2e/api-types.test.ts fails when they are stale.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The checked-in output, relative to the repository root. */
export const API_TYPES_FILE = 'portal/src/api/schema.gen.ts';
export const API_TYPES_PATH = path.join(root, API_TYPES_FILE);

const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const sortedByKey = <T>(record: Record<string, T>, compare: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0)) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));

/**
 * The document with paths, operations, responses and components in a fixed order, so the output depends on
 * what the API declares and not on the order its route modules are collected in.
 */
export function stableOpenApiDocument(): OpenAPI3 {
  const doc = structuredClone(buildOpenApiDocument(allRoutes)) as unknown as OpenAPI3;
  const paths = sortedByKey((doc.paths ?? {}) as Record<string, Record<string, unknown>>);
  for (const [p, item] of Object.entries(paths)) {
    const ordered = sortedByKey(item, (a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
    for (const op of Object.values(ordered) as { responses?: Record<string, unknown> }[]) {
      if (op.responses) op.responses = sortedByKey(op.responses);
    }
    paths[p] = ordered;
  }
  doc.paths = paths as OpenAPI3['paths'];
  if (doc.components) {
    doc.components = sortedByKey(doc.components as Record<string, unknown>) as OpenAPI3['components'];
    for (const [kind, entries] of Object.entries(doc.components!)) {
      (doc.components as Record<string, unknown>)[kind] = sortedByKey(entries as Record<string, unknown>);
    }
  }
  return doc;
}

const BANNER = `/**
 * GENERATED FILE, do not edit: run \`npm run generate:api-types\` after changing the API's routes or schemas.
 * The types of api/src's OpenAPI document (zod schemas → buildOpenApiDocument → openapi-typescript).
 * Friendly names: portal/src/api/types.ts and admin-ui/src/api-types.ts.
 */
`;

/** Helpers to name one operation's bodies, written into the generated file for the portal and the console. */
const HELPERS = `/** The JSON body that \`method path\` answers with \`status\` (200 unless given). */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends { responses: infer R }
    ? S extends keyof R
        ? R[S] extends { content: { "application/json": infer B } }
            ? B
            : never
        : never
    : never;
/** The JSON request body of \`method path\`. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
/** The query parameters of \`method path\`. */
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
`;

/** The content of API_TYPES_FILE for the API as it is now. */
export async function renderApiTypes(): Promise<string> {
  const ast = await openapiTS(stableOpenApiDocument(), { silent: true, inject: HELPERS });
  return BANNER + astToString(ast);
}

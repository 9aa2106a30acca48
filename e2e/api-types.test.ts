import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../api/src/app';
import type { RouteSpec } from '../api/src/http/route';
import { API_TYPES_FILE, API_TYPES_PATH, renderApiTypes, stableOpenApiDocument } from '../scripts/lib/api-types';

type ZodType = NonNullable<RouteSpec['body']>;

/** Every `.nullable()` around a named schema (`.meta({ id })`) reachable from `schema`, by path. */
function nullableNamedSchemas(schema: ZodType, at: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const isSchema = (v: unknown): v is ZodType => typeof v === 'object' && v !== null && '_zod' in v;
  const found: string[] = [];
  if (def.type === 'nullable' && isSchema(def.innerType) && def.innerType.meta()?.id) found.push(`${at}: ${String(def.innerType.meta()?.id)}.nullable()`);
  for (const [key, value] of Object.entries(def)) {
    if (isSchema(value)) found.push(...nullableNamedSchemas(value, `${at}.${key}`, seen));
    else if (Array.isArray(value)) value.forEach((v, i) => isSchema(v) && found.push(...nullableNamedSchemas(v, `${at}.${key}[${i}]`, seen)));
    else if (key === 'shape' && value && typeof value === 'object') {
      for (const [prop, v] of Object.entries(value)) if (isSchema(v)) found.push(...nullableNamedSchemas(v, `${at}.${prop}`, seen));
    }
  }
  return found;
}

// The portal's request and response types are generated from the API's OpenAPI document; a route or schema change
// without regenerating them fails here instead of in the browser.
describe('generated API types', () => {
  it(`${API_TYPES_FILE} is current`, async () => {
    const [expected, actual] = await Promise.all([renderApiTypes(), readFile(API_TYPES_PATH, 'utf8').catch(() => '')]);
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const line = e.findIndex((l, i) => l !== a[i]);
      expect.fail(
        `${API_TYPES_FILE} is not current: run \`npm run generate:api-types\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  checked in: ${a[line] ?? '<end of file>'}\n  generated:  ${e[line] ?? '<end of file>'}`,
      );
    }
  });

  it('is generated in a stable order', () => {
    const doc = stableOpenApiDocument();
    const paths = Object.keys(doc.paths ?? {});
    expect(paths).toEqual([...paths].sort());
    expect(JSON.stringify(stableOpenApiDocument())).toBe(JSON.stringify(doc));
  });

  it('has no nullable references (zod-to-openapi would drop their null)', () => {
    const found = allRoutes.flatMap((r) =>
      [r.params, r.query, r.body, ...Object.values(r.responses ?? {}).map((x) => x.schema)].flatMap((s) => (s ? nullableNamedSchemas(s, `${r.method.toUpperCase()} ${r.path}`) : [])),
    );
    expect(found, 'use orNull(X) from api/src/openapi/schemas.ts instead of X.nullable() for a schema with an id').toEqual([]);
  });

  it('types every JSON answer the portal reads', () => {
    // Each of these answers JSON with a body; without a response schema its type would be missing.
    const read = [
      ['get', '/api/me'],
      ['get', '/api/teams'],
      ['get', '/api/tokens'],
      ['get', '/api/workspaces/{workspaceId}/repositories'],
      ['get', '/api/workspaces/{workspaceId}/runs'],
      ['get', '/api/runs/{runId}'],
      ['get', '/api/runs/{runId}/findings'],
      ['get', '/api/runs/{runId}/fixes'],
      ['get', '/api/fixes/result/{findingId}/all'],
      ['get', '/api/workspaces/{workspaceId}/ai-keys'],
    ] as const;
    const paths = stableOpenApiDocument().paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    for (const [method, p] of read) {
      const ok = Object.entries(paths[p]?.[method]?.responses ?? {}).filter(([status]) => status.startsWith('2'));
      expect(ok.length, `${method.toUpperCase()} ${p} has no success response`).toBeGreaterThan(0);
      for (const [status, r] of ok) expect(r.content?.['application/json']?.schema, `${method.toUpperCase()} ${p} ${status} has no schema`).toBeDefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { stableOpenApiDocument } from '../scripts/lib/api-types';
import { FORM_LIMITS } from '../portal/src/api/limits';

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; maxLength?: number; minLength?: number; minimum?: number; maximum?: number; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

/** Fields of the listed requests that forms fill without free input (a select, the link's token). */
const NOT_TYPED = new Set(['POST /api/tokens workspaceId', 'POST /api/auth/reset-password token']);

// The portal's forms enforce the API's limits (maxLength and friends on their inputs); the limits live in
// portal/src/api/limits.ts and must be the ones the request schemas declare.
describe('the portal’s form limits', () => {
  const doc = stableOpenApiDocument() as unknown as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
  const resolve = (s: Schema): Schema => {
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!);
    const variants = (s.anyOf ?? s.oneOf ?? s.allOf ?? []).map(resolve).filter((v) => v.type !== 'null');
    return variants.length === 1 ? { ...variants[0], ...s, anyOf: undefined, oneOf: undefined, allOf: undefined } : s;
  };
  const bodyOf = (request: string): Schema => {
    const [method, path] = request.split(' ') as [string, string];
    const operation = doc.paths[path]?.[method.toLowerCase()];
    expect(operation, `${request} is not an API operation`).toBeDefined();
    return resolve(operation!.requestBody!.content['application/json']!.schema);
  };
  const limitsIn = (schema: Schema, prefix = ''): Record<string, Record<string, number>> => {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const prop = resolve(raw);
      if (prop.properties) Object.assign(out, limitsIn(prop, `${prefix}${name}.`));
      const limit: Record<string, number> = {};
      if (prop.maxLength !== undefined) limit.maxLength = prop.maxLength;
      if (prop.minLength !== undefined && prop.minLength > 1) limit.minLength = prop.minLength;
      if (prop.minimum !== undefined) limit.min = prop.minimum;
      if (prop.maximum !== undefined) limit.max = prop.maximum;
      if (Object.keys(limit).length) out[`${prefix}${name}`] = limit;
    }
    return out;
  };

  for (const [request, fields] of Object.entries(FORM_LIMITS)) {
    it(`match ${request}`, () => {
      const declared = limitsIn(bodyOf(request));
      for (const key of NOT_TYPED) if (key.startsWith(`${request} `)) delete declared[key.slice(request.length + 1)];
      expect(fields).toEqual(declared);
    });
  }
});

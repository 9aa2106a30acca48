import { z } from 'zod';

// Helpers for response schemas (the per-area *.schemas.ts modules).

/** A point in time: handlers return Date objects, which JSON turns into ISO strings. */
export const ZInstant = z.iso.datetime();

/**
 * `schema | null` for a named schema (one with `.meta({ id })`). Use it instead of `.nullable()` there:
 * zod-to-openapi drops the null of a nullable reference in OpenAPI 3.1 (asteasolutions/zod-to-openapi#387),
 * while a union with null becomes `anyOf: [$ref, { type: 'null' }]`. e2e/api-types.test.ts checks for it.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

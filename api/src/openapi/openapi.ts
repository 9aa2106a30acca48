import type { Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';

extendZodWithOpenApi(z);
import type { RouteSpec } from '../http/route';

const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errorId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** OpenAPI 3.1 built from the same zod schemas that validate requests, so the two never drift. */
export function buildOpenApiDocument(routes: RouteSpec[]) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or argus_pat_…' });
  // The registered copy carries the component id, so every error answer refers to #/components/schemas/Problem.
  const problem = registry.register('Problem', ZProblem);
  for (const route of routes) {
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, r] of Object.entries(route.responses ?? {})) {
      responses[status] = r.schema ? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : { description: r.description };
    }
    if (!Object.keys(responses).some((s) => s.startsWith('2'))) responses[String(route.successStatus ?? (route.method === 'post' ? 201 : 200))] = { description: 'Success' };
    responses.default = { description: 'An error (RFC 9457)', content: { 'application/problem+json': { schema: problem } } };
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      summary: route.summary,
      tags: route.tags,
      security: route.auth === 'public' ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Argus API', version: '0.1.0', description: 'Code-quality platform API. Errors are RFC 9457 problem+json with an errorId.' },
  });
}

export function mountOpenApi(app: Express, routes: RouteSpec[]) {
  let doc: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/openapi.json', (_req, res) => {
    doc ??= buildOpenApiDocument(routes);
    res.json(doc);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' }, customSiteTitle: 'Argus API' }));
}

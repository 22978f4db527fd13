import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { v1OpenApiDocument } from './openapi-document';

/**
 * The public API's own documentation, open to anyone (it holds no data): the OpenAPI 3.1 document
 * at /api/v1/openapi.json and a readable reference with the quickstart at /api/v1/docs.
 */
export async function v1DocsRoutes(app: FastifyInstance, opts: { publicUrl: string }) {
  const document = () => v1OpenApiDocument(app.swagger() as Record<string, unknown>, opts.publicUrl);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => document());
  await app.register(swaggerUi, {
    routePrefix: '/api/v1/docs',
    transformSpecification: () => document(),
    transformSpecificationClone: false,
    uiConfig: { docExpansion: 'list', defaultModelsExpandDepth: 0 },
  });
}

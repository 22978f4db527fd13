import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Container } from './container';
import {
  apiKeysRoutes,
  graphRoutes,
  v1AutomationRoutes,
  v1BroadcastsRoutes,
  v1CatalogRoutes,
  v1ChannelsRoutes,
  v1ContactsRoutes,
  v1ConversationsRoutes,
  v1DocsRoutes,
  v1ResourcesRoutes,
  v1Routes,
  v1WebhookSubscriptionsRoutes,
  webhooksRoutes,
} from './modules/api';
import { auditRoutes } from './modules/audit';
import { authOf, authRoutes, createAuthGuard, SESSION_COOKIE } from './modules/auth';
import { authenticateSession } from './modules/auth/sessions';
import { automationRoutes } from './modules/automation';
import { broadcastsRoutes } from './modules/broadcasts';
import { channelsRoutes, whatsappWebhookRoutes } from './modules/channels';
import { contactsRoutes } from './modules/contacts';
import { getContact, inboxRoutes } from './modules/inbox';
import { incomingWebhookRoutes, integrationsRoutes } from './modules/integrations';
import { privacyRoutes } from './modules/privacy';
import { reportsRoutes } from './modules/reports';
import { templatesRoutes } from './modules/templates';
import { registerCsrfGuard } from './platform/http/csrf';
import { registerErrorHandler } from './platform/http/error-handler';
import { registerHealthRoutes } from './platform/http/health-routes';
import { registerHttpMetrics } from './platform/http/http-metrics';
import { checkMetricsAccess } from './platform/http/metrics-access';
import { refuseNulCharacters } from './platform/http/refuse-nul';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { trustProxyOption } from './platform/http/trust-proxy';
import { realtimeRoutes } from './platform/realtime/realtime.routes';
import { serverRoot } from './platform/server-root';

const webDist = join(serverRoot, '..', 'web', 'dist');

/** The whole HTTP surface as one Fastify instance; main.ts only listens. Tests inject into it. */
export async function buildApp(
  c: Container,
  opts: { logger?: FastifyBaseLogger } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // request.ip is the socket's address unless TRUST_PROXY names the proxies in front of Charla.
    trustProxy: trustProxyOption(c.config.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  registerErrorHandler(app);
  registerHttpMetrics(app, c.metrics);
  refuseNulCharacters(app);

  await app.register(cookie);
  registerSecurityHeaders(app, { publicUrl: c.config.PUBLIC_URL });
  registerCsrfGuard(app, { publicUrl: c.config.PUBLIC_URL, sessionCookie: SESSION_COOKIE });
  // IETF draft headers (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset) on every limited route.
  await app.register(rateLimit, { global: false, enableDraftSpec: true });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Charla API', version: '0.1.0' },
      // The public API's key (/api/v1); the web app's own routes use the session cookie.
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  const requireMember = createAuthGuard(c.auth);
  // The internal API docs (and their JSON) are for signed-in members only.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiHooks: { onRequest: requireMember },
    // "Try it out" sends the web app's CSRF header; this function runs in the browser.
    uiConfig: {
      requestInterceptor: (request: { headers: Record<string, string> }) => {
        request.headers['x-charla-request'] = '1';
        return request;
      },
    } as object,
  });

  const authOfAny = (req: unknown) => authOf(req as Parameters<typeof authOf>[0]);

  await app.register(authRoutes, {
    deps: c.auth,
    loginMaxPerMinute: c.config.LOGIN_MAX_ATTEMPTS_PER_MINUTE,
    secureCookies: c.config.PUBLIC_URL.startsWith('https://'),
    onWorkspaceCreated: () => c.prepareWorkspaces(),
  });
  await app.register(channelsRoutes, {
    deps: c.channels,
    requireMember,
    authOf: authOfAny,
  });
  await app.register(auditRoutes, { deps: c.audit, requireMember, authOf: authOfAny });
  await app.register(inboxRoutes, { deps: c.inbox, requireMember, authOf: authOfAny });
  await app.register(contactsRoutes, {
    deps: c.contacts,
    requireMember,
    authOf: authOfAny,
    profileOf: (auth, contactId) => getContact(c.inbox, auth, contactId),
  });
  await app.register(privacyRoutes, { deps: c.privacy, requireMember, authOf: authOfAny });
  await app.register(automationRoutes, { deps: c.automation, requireMember, authOf: authOfAny });
  await app.register(templatesRoutes, { deps: c.templates, requireMember, authOf: authOfAny });
  await app.register(broadcastsRoutes, {
    deps: c.broadcasts,
    requireMember,
    authOf: authOfAny,
    poke: () => c.broadcastEngine.poke(),
  });
  await app.register(apiKeysRoutes, { deps: c.api, requireMember, authOf: authOfAny });
  await app.register(webhooksRoutes, { deps: c.webhooks, requireMember, authOf: authOfAny });
  await app.register(v1Routes, {
    deps: c.api,
    webhooks: c.webhooks,
    perMinute: c.config.API_RATE_LIMIT_PER_MINUTE,
  });
  await app.register(v1ResourcesRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1ContactsRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1ConversationsRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1CatalogRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1BroadcastsRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1AutomationRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1ChannelsRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1WebhookSubscriptionsRoutes, {
    deps: c.api,
    webhooks: c.webhooks,
    perMinute: c.config.API_RATE_LIMIT_PER_MINUTE,
  });
  await app.register(graphRoutes, { deps: c.api, perMinute: c.config.API_RATE_LIMIT_PER_MINUTE });
  await app.register(v1DocsRoutes, { publicUrl: c.config.PUBLIC_URL });
  await app.register(integrationsRoutes, { deps: c.integrations, requireMember, authOf: authOfAny });
  await app.register(incomingWebhookRoutes, { deps: c.integrations });
  await app.register(reportsRoutes, { deps: c.reports, requireMember, authOf: authOfAny });
  await app.register(whatsappWebhookRoutes, {
    deps: { directory: c.directory, eventLog: c.webhookEventLog },
    worker: c.ingestWorker,
  });
  await app.register(realtimeRoutes, {
    hub: c.hub,
    authenticate: async (req) => authenticateSession(c.auth, req.cookies[SESSION_COOKIE]),
    listener: c.presence.listener,
    log: (err) => app.log.error({ err }, 'realtime listener failed'),
  });

  registerHealthRoutes(app, c.db);
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const access = { token: c.config.METRICS_TOKEN, isPublic: c.config.METRICS_PUBLIC };
    if (!checkMetricsAccess(req, reply, access)) return reply;
    return reply.type(c.metrics.contentType).send(await c.metrics.metrics());
  });

  const hasWeb = existsSync(webDist);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // The SPA owns every other GET that is not an API call.
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/webhooks/')) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'route_not_found', message: `No route ${req.method} ${req.url}` } });
  });
  return app;
}

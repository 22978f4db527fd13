export { incomingWebhookRoutes } from './incoming-webhook.routes';
export type { IntegrationsDeps } from './integrations.deps';
export { integrationsRoutes } from './integrations.routes';
export { createShopifyWorker, type ShopifyWorker } from './shopify/shopify-worker';

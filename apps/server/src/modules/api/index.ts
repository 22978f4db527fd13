export type { ApiCaller, ApiDeps } from './api.deps';
export { apiKeysRoutes } from './api-keys.routes';
export { graphRoutes } from './graph/graph.routes';
export { v1Routes } from './v1/v1.routes';
export { v1AutomationRoutes } from './v1/v1-automation.routes';
export { v1BroadcastsRoutes } from './v1/v1-broadcasts.routes';
export { v1CatalogRoutes } from './v1/v1-catalog.routes';
export { v1ChannelsRoutes } from './v1/v1-channels.routes';
export { v1ContactsRoutes } from './v1/v1-contacts.routes';
export { v1ConversationsRoutes } from './v1/v1-conversations.routes';
export { v1DocsRoutes } from './v1/v1-docs.routes';
export { v1ResourcesRoutes } from './v1/v1-resources.routes';
export { v1WebhookSubscriptionsRoutes } from './v1/v1-webhook-subscriptions.routes';
export {
  enqueueConversationEvents,
  enqueueInboundEvents,
  enqueueLateStatusEvents,
  enqueueStatusEvents,
} from './webhooks/enqueue-events';
export {
  enqueueBroadcastCompleted,
  enqueueContactEvents,
  enqueueFlowEvents,
  enqueueTemplateEvents,
} from './webhooks/resource-events';
export { createWebhookMetrics } from './webhooks/webhook-metrics';
export { createWebhookWorker } from './webhooks/webhook-worker';
export type { WebhookDeps } from './webhooks/webhooks.deps';
export { webhooksRoutes } from './webhooks.routes';

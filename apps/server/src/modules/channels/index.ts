export { type ChannelDirectory, createChannelDirectory } from './channel-directory';
export type { ChannelsDeps } from './channels.deps';
export { type ChannelAdminDeps, channelsRoutes } from './channels.routes';
export { type ConfiguredNumber, ensureConfiguredChannel } from './ensure-configured-channel';
export { ensureSandboxChannels, type SandboxOptions } from './ensure-sandbox-channels';
export { createPhoneNumberCheck } from './whatsapp/check-phone-number';
export { registerIngestMetrics } from './whatsapp/ingest-metrics';
export { hasPendingWebhooks, ingestPendingWebhooks } from './whatsapp/ingest-webhooks';
export { createIngestWorker, type IngestWorker } from './whatsapp/ingest-worker';
export {
  createMediaDownloadWorker,
  type MediaDownloadWorker,
  type MediaDownloadWorkerDeps,
} from './whatsapp/media-download-worker';
export { createPhoneNumberLimits } from './whatsapp/phone-number-limits';
export {
  definePurgeWebhookEventsJob,
  purgeWebhookEvents,
  scheduleWebhookEventsPurge,
} from './whatsapp/purge-webhook-events';
export { whatsappWebhookRoutes } from './whatsapp/webhook.routes';
export { createWebhookEventLog, type WebhookEventLog } from './whatsapp/webhook-event-log';
export { createWhatsAppGateway } from './whatsapp/whatsapp-gateway';
export { createWhatsAppTemplateGateway } from './whatsapp/whatsapp-template-gateway';

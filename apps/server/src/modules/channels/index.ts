export { type ChannelDirectory, createChannelDirectory } from './channel-directory';
export type { ChannelsDeps } from './channels.deps';
export { channelsRoutes } from './channels.routes';
export { type ConfiguredNumber, ensureConfiguredChannel } from './ensure-configured-channel';
export { ensureSandboxChannels, type SandboxOptions } from './ensure-sandbox-channels';
export { ingestPendingWebhooks } from './whatsapp/ingest-webhooks';
export { createIngestWorker, type IngestWorker } from './whatsapp/ingest-worker';
export { whatsappWebhookRoutes } from './whatsapp/webhook.routes';
export { createWhatsAppGateway } from './whatsapp/whatsapp-gateway';

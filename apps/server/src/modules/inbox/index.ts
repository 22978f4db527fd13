export type { InboxDeps } from './inbox.deps';
export { defineInboxJobs } from './inbox.jobs';
export type { ChannelGateway, DeliveryUpdate, InboundMessage, InboxChange } from './inbox.ports';
export { SendFailure } from './inbox.ports';
export { inboxRoutes } from './inbox.routes';
export { recoverStrandedSends } from './messages/deliver-message';
export { recordInbound } from './messages/record-inbound';

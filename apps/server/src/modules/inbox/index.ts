export { reopenSnoozedConversations } from './conversations/reopen-snoozed';
export type { InboxDeps } from './inbox.deps';
export { defineInboxJobs } from './inbox.jobs';
export type {
  ChannelGateway,
  ContactCard,
  DeliveryUpdate,
  InboundContent,
  InboundMedia,
  InboundMessage,
  InboundReaction,
  InboxChange,
  OutboundContent,
  OutboundDraft,
  OutboundFile,
  OutboundMessage,
  Referral,
} from './inbox.ports';
export { SendFailure } from './inbox.ports';
export { inboxRoutes } from './inbox.routes';
export {
  findMediaToDownload,
  listStrandedMedia,
  type MediaToDownload,
  markMediaFailed,
  markMediaReady,
} from './media/media-downloads';
export { recoverStrandedSends } from './messages/deliver-message';
export { previewOf } from './messages/message-preview';
export { type RecordedInbound, recordInbound } from './messages/record-inbound';

export { assignConversation } from './conversations/assign-conversation';
export { assertConversationVisible, workspaceViewer } from './conversations/conversation-access';
export {
  type AutomatedBy,
  type NewConversationEvent,
  onConversationEvents,
  recordConversationEvents,
} from './conversations/conversation-events';
export { findOrAddContact } from './conversations/customer-recipient';
export { getThread } from './conversations/get-thread';
export { listConversations } from './conversations/list-conversations';
export { reopenSnoozedConversations } from './conversations/reopen-snoozed';
export { returnConversationsToQueue } from './conversations/return-to-queue';
export { updateConversation } from './conversations/update-conversation';
export { askForRating } from './csat/send-survey';
export { getContact } from './customers/get-contact';
export type { MarketingPreference } from './customers/opt-out-record';
export type { InboxDeps } from './inbox.deps';
export { defineInboxJobs, scheduleInboxHousekeeping } from './inbox.jobs';
export type {
  AutomationEventsPort,
  ChannelGateway,
  ContactCard,
  ConversationChange,
  DeliveryUpdate,
  IdentityChange,
  InboundContent,
  InboundMedia,
  InboundMessage,
  InboundReaction,
  InboundSender,
  InboxChange,
  OutboundContent,
  OutboundDraft,
  OutboundFile,
  OutboundMessage,
  OutboxPort,
  Referral,
} from './inbox.ports';
export { NotSent, SendFailure } from './inbox.ports';
export { inboxRoutes } from './inbox.routes';
export { setConversationLabel } from './labels/conversation-labels';
export { getMediaFile } from './media/get-media-file';
export {
  type ClaimedDownload,
  claimMediaDownloads,
  postponeMediaDownload,
  releaseMediaDownloads,
} from './media/media-download-queue';
export {
  findMediaToDownload,
  type MediaToDownload,
  markMediaFailed,
  markMediaReady,
} from './media/media-downloads';
export { filePart } from './media/media-upload.routes';
export { purgeUnusedUploads, UNUSED_UPLOAD_DAYS } from './media/purge-unused-uploads';
export { replyWithMediaFile } from './media/reply-with-media-file';
export { MAX_UPLOAD_BYTES, uploadChannelMedia } from './media/upload-media';
export { applyStoredStatuses } from './messages/apply-stored-statuses';
export { type LateStatus, lateStatusesApplied } from './messages/late-statuses';
export { previewOf } from './messages/message-preview';
export type { MessageKey } from './messages/move-to-statuses';
export { toOutboundContent } from './messages/outbound-content';
export { kindOfMime } from './messages/outbound-request';
export { type RecordedInbound, recordInbound } from './messages/record-inbound';
export { applyPendingReactions } from './messages/record-reactions';
export {
  type CustomerSend,
  type CustomerSent,
  numberToSendFrom,
  openCustomerConversation,
  sendToCustomer,
} from './messages/send-to-customer';
export { createNote } from './notes/create-note';
export { createPresence, type Presence } from './presence/presence';
export { ONLINE_WITHIN_MINUTES, pickRoundRobinMember } from './routing/pick-round-robin';
export { requeueIfUnassigned, settleQueueWaits } from './routing/queue-waits';
export { createRoutingWorker, type RoutingWorker } from './routing/routing-worker';
export { contactViewFilters } from './views/saved-views';

/**
 * Every /api/v1 route the client calls, by method and path as the OpenAPI document names them
 * (`{id}` for a path parameter). A test checks this list against GET /api/v1/openapi.json both
 * ways: the client calls nothing the API lacks, and misses nothing it has.
 */
export const CLIENT_ROUTES = {
  sendMessage: ['POST', '/api/v1/messages'],
  getMessage: ['GET', '/api/v1/messages/{id}'],
  createContact: ['POST', '/api/v1/contacts'],
  getContact: ['GET', '/api/v1/contacts/{id}'],
  listContacts: ['GET', '/api/v1/contacts'],
  updateContact: ['PATCH', '/api/v1/contacts/{id}'],
  eraseContact: ['DELETE', '/api/v1/contacts/{id}'],
  addContactTags: ['POST', '/api/v1/contacts/{id}/tags'],
  removeContactTag: ['DELETE', '/api/v1/contacts/{id}/tags/{tag}'],
  setContactAttributes: ['PATCH', '/api/v1/contacts/{id}/attributes'],
  optInContact: ['POST', '/api/v1/contacts/{id}/opt-in'],
  optOutContact: ['POST', '/api/v1/contacts/{id}/opt-out'],
  bulkUpsertContacts: ['POST', '/api/v1/contacts/bulk'],
  listConversations: ['GET', '/api/v1/conversations'],
  getConversation: ['GET', '/api/v1/conversations/{id}'],
  assignConversation: ['POST', '/api/v1/conversations/{id}/assign'],
  setConversationStatus: ['POST', '/api/v1/conversations/{id}/status'],
  addConversationNote: ['POST', '/api/v1/conversations/{id}/notes'],
  addConversationLabel: ['POST', '/api/v1/conversations/{id}/labels'],
  removeConversationLabel: ['DELETE', '/api/v1/conversations/{id}/labels/{labelId}'],
  listConversationMessages: ['GET', '/api/v1/conversations/{id}/messages'],
  listTemplates: ['GET', '/api/v1/templates'],
  getTemplate: ['GET', '/api/v1/templates/{id}'],
  createTemplate: ['POST', '/api/v1/templates'],
  deleteTemplate: ['DELETE', '/api/v1/templates/{id}'],
  uploadMedia: ['POST', '/api/v1/media'],
  downloadMedia: ['GET', '/api/v1/media/{id}'],
  createBroadcast: ['POST', '/api/v1/broadcasts'],
  listBroadcasts: ['GET', '/api/v1/broadcasts'],
  getBroadcast: ['GET', '/api/v1/broadcasts/{id}'],
  pauseBroadcast: ['POST', '/api/v1/broadcasts/{id}/pause'],
  resumeBroadcast: ['POST', '/api/v1/broadcasts/{id}/resume'],
  cancelBroadcast: ['POST', '/api/v1/broadcasts/{id}/cancel'],
  listBroadcastRecipients: ['GET', '/api/v1/broadcasts/{id}/recipients'],
  listChannels: ['GET', '/api/v1/channels'],
  listWebhooks: ['GET', '/api/v1/webhooks'],
  webhookEvents: ['GET', '/api/v1/webhooks/events'],
  listDeliveries: ['GET', '/api/v1/webhooks/{id}/deliveries'],
  replayDelivery: ['POST', '/api/v1/webhooks/deliveries/{deliveryId}/replay'],
  sendTestEvent: ['POST', '/api/v1/webhooks/{id}/test'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PATCH' | 'DELETE', string]>;

export type ClientRoute = keyof typeof CLIENT_ROUTES;

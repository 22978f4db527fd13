import { z } from 'zod';
import { BroadcastCountsSchema, BroadcastStatusSchema } from './broadcasts';

/**
 * Events pushed to the browser over the WebSocket at /api/realtime. They carry ids only:
 * the client refetches what it shows, so an event can never leak data the user may not read.
 * An event about a conversation reaches only the members whose inbox shows that conversation
 * (the inbox's visibility rule, applied per socket as events arrive). The server closes the
 * socket with code 4401 when its session ends (logout, expiry, removal, role change).
 */
export const RealtimeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.created'), conversationId: z.string(), messageId: z.string() }),
  z.object({ type: z.literal('message.updated'), conversationId: z.string(), messageId: z.string() }),
  z.object({ type: z.literal('conversation.updated'), conversationId: z.string() }),
  z.object({ type: z.literal('channel.updated'), channelId: z.string() }),
  /** A template was created, edited, deleted, or Meta changed its status, quality or category. */
  z.object({ type: z.literal('template.updated'), templateId: z.string() }),
  /** A contact's name, tags, attributes, notes or consent changed (by hand or through the API). */
  z.object({ type: z.literal('contact.updated'), contactId: z.string() }),
  /** At most ~2 per second per broadcast while it sends; carries counts so lists update live. */
  z.object({
    type: z.literal('broadcast.updated'),
    broadcastId: z.string(),
    status: BroadcastStatusSchema,
    counts: BroadcastCountsSchema,
  }),
  /** Who has the conversation open and who is typing in it (user ids, each once); sent only to
   * members who may see the conversation, on every change and for every current one on connect. */
  z.object({
    type: z.literal('presence.updated'),
    conversationId: z.string(),
    viewing: z.array(z.string()),
    typing: z.array(z.string()),
  }),
  /** `userId` was @mentioned in a note; sent to that member's sockets only. */
  z.object({
    type: z.literal('note.mentioned'),
    conversationId: z.string(),
    noteId: z.string(),
    userId: z.string(),
  }),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;

/**
 * Frames the browser sends on the same socket. `presence.viewing` says which conversation is on
 * screen (null: none); `presence.typing` is repeated about every 3 s while the agent types.
 */
export const RealtimeClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('presence.viewing'), conversationId: z.uuid().nullable() }),
  z.object({ type: z.literal('presence.typing'), conversationId: z.uuid() }),
]);
export type RealtimeClientMessage = z.infer<typeof RealtimeClientMessageSchema>;

import { z } from 'zod';

/**
 * Events pushed to the browser over the WebSocket at /api/realtime. They carry ids only:
 * the client refetches what it shows, so an event can never leak data the user may not read.
 */
export const RealtimeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.created'), conversationId: z.string(), messageId: z.string() }),
  z.object({ type: z.literal('message.updated'), conversationId: z.string(), messageId: z.string() }),
  z.object({ type: z.literal('conversation.updated'), conversationId: z.string() }),
  z.object({ type: z.literal('channel.updated'), channelId: z.string() }),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;

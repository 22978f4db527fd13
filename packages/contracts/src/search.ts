import { z } from 'zod';
import { ContactSummarySchema, ConversationSchema } from './inbox';

const StatusSchema = ConversationSchema.shape.status;

/**
 * Filters of the conversation list, as query parameters of `GET /api/conversations` (all
 * optional, combined with AND). A saved view stores the same object.
 */
export const ConversationFiltersSchema = z.object({
  status: StatusSchema.optional(),
  /** A channel (WhatsApp number) id. */
  channel: z.uuid().optional(),
  /** open: the customer wrote in the last 24 hours (free-form replies allowed); closed: not. */
  window: z.enum(['open', 'closed']).optional(),
  /** `true`: only conversations with unread customer messages. */
  unread: z.enum(['true', 'false']).optional(),
  /** A member's user id, `me` (the caller) or `none` (unassigned). */
  assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  /** A team id or `none` (no team). */
  team: z.union([z.uuid(), z.literal('none')]).optional(),
});
export type ConversationFilters = z.infer<typeof ConversationFiltersSchema>;

export const ConversationListQuerySchema = ConversationFiltersSchema.extend({
  cursor: z.string().max(200).optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

export const SearchQuerySchema = z.object({
  /** Words as in a web search: `zapato rojo`, `"talla 40"`, `envío -devolución`, `shoes or boots`. */
  q: z.string().trim().min(1, 'Write something to search for').max(200),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/** A piece of the snippet; `match` pieces are the words the search found. Render as text. */
export const SnippetSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetSegment = z.infer<typeof SnippetSegmentSchema>;

export const SearchHitSchema = z.object({
  message: z.object({
    id: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    type: z.string(),
    createdAt: z.string(),
  }),
  conversation: z.object({
    id: z.string(),
    channelName: z.string(),
    status: StatusSchema,
    contact: ContactSummarySchema,
  }),
  /** The message text around the matching words, split so the matches can be highlighted. */
  snippet: z.array(SnippetSegmentSchema),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultsSchema = z.object({
  /** Newest first. */
  items: z.array(SearchHitSchema),
  nextCursor: z.string().nullable(),
});
export type SearchResults = z.infer<typeof SearchResultsSchema>;

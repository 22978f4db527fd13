import { z } from 'zod';
import { ContactFiltersSchema } from './contacts';
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
  /** `true`: only conversations a customer started from a click-to-WhatsApp ad (a message with a referral). */
  fromAd: z.enum(['true', 'false']).optional(),
  /** A member's user id, `me` (the caller) or `none` (unassigned). */
  assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  /** A team id or `none` (no team). */
  team: z.union([z.uuid(), z.literal('none')]).optional(),
  /** A label id: conversations carrying it. */
  label: z.uuid().optional(),
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

export const SavedViewKindSchema = z.enum(['conversations', 'contacts']);
export type SavedViewKind = z.infer<typeof SavedViewKindSchema>;

const SavedViewBase = z.object({
  id: z.string(),
  name: z.string(),
  /** Shared with the workspace (made by an owner or admin); otherwise only its owner sees it. */
  shared: z.boolean(),
  /** The caller may rename or delete it (their own view, or a shared one for admins). */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A named set of filters, picked with one click in the inbox or the contacts page. */
export const SavedViewSchema = z.discriminatedUnion('kind', [
  SavedViewBase.extend({ kind: z.literal('conversations'), filters: ConversationFiltersSchema }),
  SavedViewBase.extend({ kind: z.literal('contacts'), filters: ContactFiltersSchema }),
]);
export type SavedView = z.infer<typeof SavedViewSchema>;

export const SavedViewRequestSchema = z.object({
  kind: SavedViewKindSchema,
  name: z.string().trim().min(1, 'Give the view a name').max(60, 'A view name has at most 60 characters'),
  shared: z.boolean().default(false),
  /** A `ConversationFilters` or a `ContactFilters`, by `kind`; checked by the server. */
  filters: z.record(z.string(), z.unknown()),
});
export type SavedViewRequest = z.input<typeof SavedViewRequestSchema>;

export const UpdateSavedViewRequestSchema = z
  .object({
    name: SavedViewRequestSchema.shape.name.optional(),
    shared: z.boolean().optional(),
    filters: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (r) => r.name !== undefined || r.shared !== undefined || r.filters !== undefined,
    'Send what to change',
  );
export type UpdateSavedViewRequest = z.input<typeof UpdateSavedViewRequestSchema>;

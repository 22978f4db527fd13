import { z } from 'zod';

export const SimNumberSchema = z.object({
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  wabaId: z.string(),
  accessToken: z.string(),
  appSecret: z.string(),
  webhookUrl: z.string(),
  verifiedName: z.string().nullable(),
  qualityRating: z.string(),
});
export type SimNumber = z.infer<typeof SimNumberSchema>;

export const SimCustomerSchema = z.object({
  phoneNumberId: z.string(),
  waId: z.string(),
  name: z.string().nullable(),
  /** Opens the 24 h customer service window; business messages never move it (§7.1). */
  lastInboundAt: z.number().nullable(),
  lastMessageAt: z.number(),
  /** false: every send to this customer is accepted, then fails with 131026 (§8.12). */
  reachable: z.boolean().default(true),
  /** Until when the business's typing indicator shows (§2.10); the next business message clears it. */
  typingUntil: z.number().nullable().default(null),
  /** The customer stopped marketing messages (§5.7): marketing templates fail with 131050. */
  marketingStopped: z.boolean().default(false),
  /**
   * WhatsApp's per-user marketing cap (§7.8): this customer already got too many marketing
   * messages from businesses, so marketing templates sent outside an open window are accepted,
   * then fail with 131049 ("healthy ecosystem engagement") until it is set back to false.
   */
  marketingCapped: z.boolean().default(false),
  /** Business-scoped user id (§7.13), e.g. `MX.1234567890123456789`; changes only by an identity change. */
  userId: z.string().nullable().default(null),
  /** Parent BSUID (`MX.ENT.…`) for managed businesses. */
  parentUserId: z.string().nullable().default(null),
  username: z.string().nullable().default(null),
  /**
   * The customer adopted a username and the business may not see their phone: payloads carry
   * their BSUID and no `from` / `wa_id` (the simulator still keys them by `waId`).
   */
  usernameOnly: z.boolean().default(false),
});
export type SimCustomer = z.infer<typeof SimCustomerSchema>;

export const BUSINESS_STATUSES = ['accepted', 'sent', 'delivered', 'read', 'played', 'failed'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

export const SimMessageSchema = z.object({
  wamid: z.string(),
  phoneNumberId: z.string(),
  waId: z.string(),
  from: z.enum(['customer', 'business']),
  /** Cloud API message type (`text`, `image`, `location`, …); state files from before default to text. */
  type: z.string().default('text'),
  /** The body for text; a short preview (e.g. "📷 Photo: caption") for everything else. */
  text: z.string(),
  mediaId: z.string().nullable().default(null),
  /** Business messages: delivery lifecycle. Customer messages: whether the business marked them read. */
  status: z.enum([...BUSINESS_STATUSES, 'received']),
  timestamp: z.number(),
  /** Graph version the business sent with; decides whether status webhooks carry `conversation`. */
  version: z.string().nullable(),
  replyTo: z.string().nullable(),
  /** Business messages: the payload under `type` as sent (e.g. the `interactive` object), for the phone. */
  content: z.unknown().optional(),
  /** Business messages: how this message's statuses are reported (see NumberBehaviour). */
  statusMode: z.string().optional(),
  /** Echoed in every status webhook of this message (§2.1). */
  bizOpaque: z.string().optional(),
  /** §8.9: what the `sent` status bills; absent = free customer-service message. */
  pricing: z.object({ type: z.string(), category: z.string(), billable: z.boolean() }).optional(),
  /** Business messages sent to a BSUID (`recipient`): that BSUID, reported as the status `recipient_id`. */
  recipientUserId: z.string().optional(),
});
export type SimMessage = z.infer<typeof SimMessageSchema>;

/** A stored media file; `base64` is kept only for small files so the state file stays small. */
export const SimMediaSchema = z.object({
  id: z.string(),
  phoneNumberId: z.string(),
  mimeType: z.string(),
  /** Base64 of the SHA-256 digest, as Meta sends it. */
  sha256: z.string(),
  size: z.number(),
  filename: z.string().nullable(),
  createdAt: z.number(),
  base64: z.string(),
});
export type SimMedia = z.infer<typeof SimMediaSchema>;

/** A message template (§4) in its WABA, components normalised to Meta's upper-case answer shape. */
export const SimTemplateSchema = z.object({
  id: z.string(),
  wabaId: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  /** Category before an automatic re-categorisation (`template_category_update`). */
  previousCategory: z.string().nullable().default(null),
  parameterFormat: z.enum(['NAMED', 'POSITIONAL']),
  components: z.array(z.record(z.string(), z.unknown())),
  status: z.string(),
  rejectedReason: z.string().nullable(),
  qualityScore: z.string(),
  ttlSeconds: z.number().nullable(),
  allowCategoryChange: z.boolean().default(false),
  createdAt: z.number(),
  /** Edit times of this template, for the approved-edit limits (§4.3). */
  editedAt: z.array(z.number()).default([]),
});
export type SimTemplate = z.infer<typeof SimTemplateSchema>;

export const SandboxStateSchema = z.object({
  numbers: z.record(z.string(), SimNumberSchema),
  customers: z.record(z.string(), SimCustomerSchema),
  chats: z.record(z.string(), z.array(SimMessageSchema)),
  media: z.record(z.string(), SimMediaSchema).default({}),
  templates: z.record(z.string(), SimTemplateSchema).default({}),
});
export type SandboxState = z.infer<typeof SandboxStateSchema>;

export function createEmptyState(): SandboxState {
  return { numbers: {}, customers: {}, chats: {}, media: {}, templates: {} };
}

export function buildChatKey(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}

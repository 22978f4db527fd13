import { z } from 'zod';

/**
 * The number's sends that have not left yet, and its recent failures; null when nothing waits
 * and nothing failed in the last hour. Conversational messages only (not reactions or read
 * receipts; broadcasts have their own page), counted across every Charla process.
 */
export const ChannelBacklogSchema = z.object({
  /** Messages waiting to be handed to WhatsApp (new, or waiting for a retry). */
  queued: z.number().int(),
  /** Handed to WhatsApp with no answer yet. */
  inDoubt: z.number().int(),
  /** When the oldest of those (queued or in doubt) was queued; null when none waits. */
  oldestQueuedAt: z.string().nullable(),
  /** Outbound messages of this number that failed in the last hour (their time: when written). */
  failedLastHour: z.number().int(),
  /** The newest of those failures: WhatsApp's error code (null when Charla's own) and reason. */
  lastError: z.object({ code: z.number().nullable(), reason: z.string(), at: z.string() }).nullable(),
});
export type ChannelBacklog = z.infer<typeof ChannelBacklogSchema>;

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['sandbox', 'cloud']),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  /** The WhatsApp Business Account of the number: templates belong to it. */
  wabaId: z.string(),
  /** `disconnected`: an owner or admin disconnected it; its history stays readable, nothing is sent or received. */
  status: z.enum(['connected', 'error', 'disconnected']),
  /** Sandbox only: the simulated phone where you can chat as a customer. */
  phoneUrl: z.string().nullable(),
  /** Why the number is in error, in words a person can act on. */
  lastError: z.string().nullable(),
  /** Cloud numbers, owner and admins only: what to paste in Meta's webhook settings. */
  webhook: z.object({ url: z.string(), verifyToken: z.string() }).nullable(),
  /** Messages waiting to leave and recent failures: the card shows when the number is backlogged. */
  backlog: ChannelBacklogSchema.nullable(),
});
export type Channel = z.infer<typeof ChannelSchema>;

/** Connect a real number: Charla checks the credentials against the Graph API before saving. */
export const ConnectChannelRequestSchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,20}$/, 'The phone number id is a number, shown in Meta > WhatsApp > API Setup'),
  wabaId: z
    .string()
    .trim()
    .regex(
      /^\d{5,20}$/,
      'The WhatsApp Business Account id is a number, shown in Meta > WhatsApp > API Setup',
    ),
  accessToken: z.string().trim().min(20, 'This does not look like a Meta access token'),
  appSecret: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{32}$/i, 'The app secret is 32 hex characters, in Meta > App settings > Basic'),
});
export type ConnectChannelRequest = z.input<typeof ConnectChannelRequestSchema>;

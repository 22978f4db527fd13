import { z } from 'zod';

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['sandbox', 'cloud']),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  /** The WhatsApp Business Account of the number: templates belong to it. */
  wabaId: z.string(),
  status: z.enum(['connected', 'error']),
  /** Sandbox only: the simulated phone where you can chat as a customer. */
  phoneUrl: z.string().nullable(),
  /** Why the number is in error, in words a person can act on. */
  lastError: z.string().nullable(),
  /** Cloud numbers, owner and admins only: what to paste in Meta's webhook settings. */
  webhook: z.object({ url: z.string(), verifyToken: z.string() }).nullable(),
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

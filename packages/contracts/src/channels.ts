import { z } from 'zod';

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['sandbox', 'cloud']),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  status: z.enum(['connected', 'error']),
  /** Sandbox only: the simulated phone where you can chat as a customer. */
  phoneUrl: z.string().nullable(),
});
export type Channel = z.infer<typeof ChannelSchema>;

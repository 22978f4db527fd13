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
});
export type SimCustomer = z.infer<typeof SimCustomerSchema>;

export const BUSINESS_STATUSES = ['accepted', 'sent', 'delivered', 'read', 'failed'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

export const SimMessageSchema = z.object({
  wamid: z.string(),
  phoneNumberId: z.string(),
  waId: z.string(),
  from: z.enum(['customer', 'business']),
  text: z.string(),
  /** Business messages: delivery lifecycle. Customer messages: whether the business marked them read. */
  status: z.enum([...BUSINESS_STATUSES, 'received']),
  timestamp: z.number(),
  /** Graph version the business sent with; decides whether status webhooks carry `conversation`. */
  version: z.string().nullable(),
  replyTo: z.string().nullable(),
});
export type SimMessage = z.infer<typeof SimMessageSchema>;

export const SandboxStateSchema = z.object({
  numbers: z.record(z.string(), SimNumberSchema),
  customers: z.record(z.string(), SimCustomerSchema),
  chats: z.record(z.string(), z.array(SimMessageSchema)),
});
export type SandboxState = z.infer<typeof SandboxStateSchema>;

export function createEmptyState(): SandboxState {
  return { numbers: {}, customers: {}, chats: {} };
}

export function buildChatKey(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}

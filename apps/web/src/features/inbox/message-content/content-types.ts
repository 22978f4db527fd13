import type { Message, MessageContent } from '@charla/contracts';

/** Narrow views of the contracts the renderers need (the contracts export schemas, not these types). */
export type ContentOf<T extends MessageContent['type']> = Extract<MessageContent, { type: T }>;
export type SharedContact = ContentOf<'contacts'>['contacts'][number];
export type OrderContent = ContentOf<'order'>;
export type ReplyContent = ContentOf<'reply'>;
export type QuotedMessage = NonNullable<Message['replyTo']>;
export type Referral = NonNullable<Message['referral']>;

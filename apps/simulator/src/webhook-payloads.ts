import type {
  InboundMessage,
  MessageStatusUpdate,
  MessagesWebhookEnvelope,
  WebhookContact,
  WebhookError,
} from '@charla/cloud-api';
import { createConversationId } from './ids';
import type { SimCustomer, SimMessage, SimNumber } from './sandbox-state';

type MessagesValue = MessagesWebhookEnvelope['entry'][number]['changes'][number]['value'];

const DAY_SECONDS = 24 * 60 * 60;

export function toUnixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

function wrapValue(number: SimNumber, value: Omit<MessagesValue, 'messaging_product' | 'metadata'>) {
  const envelope: MessagesWebhookEnvelope = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
  return envelope;
}

/** §5.3: the customer's profile, BSUIDs and username when they have them; no wa_id if the phone is hidden. */
export function buildContact(customer: SimCustomer): WebhookContact {
  const name =
    customer.name ?? (customer.usernameOnly ? (customer.username ?? customer.userId) : customer.waId);
  return {
    profile: {
      ...(name !== null && { name }),
      ...(customer.username !== null && { username: customer.username }),
    },
    ...(!customer.usernameOnly && { wa_id: customer.waId }),
    ...(customer.userId !== null && { user_id: customer.userId }),
    ...(customer.parentUserId !== null && { parent_user_id: customer.parentUserId }),
  };
}

/**
 * §5.3/§5.4: one inbound message with the sender's profile; system messages (number or BSUID
 * changes) carry no `contacts`.
 */
export function buildInboundPayload(number: SimNumber, customer: SimCustomer, message: InboundMessage) {
  return wrapValue(number, {
    ...(message.type !== 'system' && { contacts: [buildContact(customer)] }),
    messages: [message],
  });
}

/** A change whose value is sent exactly as given, for tests of malformed or future payloads. */
export function buildRawPayload(number: SimNumber, field: string, value: unknown) {
  return { object: 'whatsapp_business_account', entry: [{ id: number.wabaId, changes: [{ field, value }] }] };
}

type StatusInput = {
  status: 'sent' | 'delivered' | 'read' | 'played' | 'failed';
  nowMs: number;
  errors?: WebhookError[];
};

/**
 * §5.5/§8.9: pricing only on `sent` (free-form is free inside the window, templates carry the
 * pricing decided at acceptance); v24+ omits `conversation`; `biz_opaque_callback_data` on every status;
 * `failed` carries `errors` and no `contacts`. `recipient_id` is the BSUID the message was sent to
 * (or the customer's, when their phone is hidden), else the phone; `recipient_user_id` the BSUID.
 * `customer` is null only for a failed send to a BSUID nobody has.
 */
export function buildStatusPayload(
  number: SimNumber,
  customer: SimCustomer | null,
  message: SimMessage,
  input: StatusInput,
) {
  const recipientUserId = customer?.userId ?? message.recipientUserId ?? null;
  const recipientId =
    message.recipientUserId ?? (customer?.usernameOnly ? customer.userId : customer?.waId) ?? null;
  const status: MessageStatusUpdate = {
    id: message.wamid,
    status: input.status,
    timestamp: toUnixSeconds(input.nowMs),
    ...(recipientId !== null && { recipient_id: recipientId }),
    ...(recipientUserId !== null && { recipient_user_id: recipientUserId }),
    ...(message.bizOpaque !== undefined && { biz_opaque_callback_data: message.bizOpaque }),
  };
  if (input.status === 'failed' || customer === null) {
    return wrapValue(number, { statuses: [{ ...status, errors: input.errors ?? [] }] });
  }
  if (isBeforeV24(message.version)) {
    status.conversation = {
      id: createConversationId(message.wamid),
      origin: { type: message.pricing?.category ?? 'service' },
      ...(input.status === 'sent' && {
        expiration_timestamp: toUnixSeconds(input.nowMs + DAY_SECONDS * 1000),
      }),
    };
  }
  if (input.status === 'sent') {
    status.pricing = {
      billable: message.pricing?.billable ?? false,
      pricing_model: 'PMP',
      type: message.pricing?.type ?? 'free_customer_service',
      category: message.pricing?.category ?? 'service',
    };
  }
  return wrapValue(number, { contacts: [buildContact(customer)], statuses: [status] });
}

function isBeforeV24(version: string | null): boolean {
  const major = Number.parseInt(version?.replace(/^v/, '') ?? '', 10);
  return Number.isFinite(major) && major < 24;
}

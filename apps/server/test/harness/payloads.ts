import { randomBytes } from 'node:crypto';

export const newWamid = () => `wamid.${randomBytes(24).toString('base64url')}`;

/**
 * A Cloud API `messages` webhook with one customer text, shaped as in the reference §5.3. `from`
 * is the sender's phone (wa_id); `{ userId }` is a sender known only by their WhatsApp user id
 * (BSUID, `from_user_id`), as when they write from a username.
 */
export function inboundTextWebhook(o: {
  phoneNumberId: string;
  wabaId?: string;
  from: string | { userId: string };
  name?: string;
  text: string;
  wamid?: string;
  at?: Date;
}): string {
  const sender = typeof o.from === 'string' ? { wa_id: o.from } : { user_id: o.from.userId };
  const from = typeof o.from === 'string' ? { from: o.from } : { from_user_id: o.from.userId };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: o.wabaId ?? '123',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100100', phone_number_id: o.phoneNumberId },
              contacts: [{ profile: { name: o.name ?? 'Lucía' }, ...sender }],
              messages: [
                {
                  ...from,
                  id: o.wamid ?? newWamid(),
                  timestamp: String(Math.floor((o.at ?? new Date()).getTime() / 1000)),
                  type: 'text',
                  text: { body: o.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

export function statusWebhook(o: {
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipient: string;
  at?: Date;
  errors?: unknown[];
  /** `biz_opaque_callback_data` as the sender attached it (a broadcast recipient: `bcr:<id>`). */
  callbackData?: string;
}): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '123',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100100', phone_number_id: o.phoneNumberId },
              statuses: [
                {
                  id: o.wamid,
                  status: o.status,
                  timestamp: String(Math.floor((o.at ?? new Date()).getTime() / 1000)),
                  recipient_id: o.recipient,
                  ...(o.errors ? { errors: o.errors } : {}),
                  ...(o.callbackData ? { biz_opaque_callback_data: o.callbackData } : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/**
 * A webhook of any change (reference §5.3, §5.7) for the given number: `value` gets
 * `messaging_product` and `metadata`; the rest (contacts, messages, user_preferences…) is the caller's.
 */
export function changeWebhook(o: {
  phoneNumberId: string;
  wabaId?: string;
  field?: string;
  value: Record<string, unknown>;
}): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: o.wabaId ?? '123',
        changes: [
          {
            field: o.field ?? 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100100', phone_number_id: o.phoneNumberId },
              ...o.value,
            },
          },
        ],
      },
    ],
  });
}

/** Unix seconds as Meta writes them in webhooks (a string). */
export const unixNow = (offsetSeconds = 0) => String(Math.floor(Date.now() / 1000) + offsetSeconds);

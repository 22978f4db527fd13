// Payloads copied from the Cloud API reference (§5.3-§5.6) for the parser tests.
export const metadata = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

export function envelope(...changes: { field: string; value: unknown }[]) {
  return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes }] };
}

export const textValue = {
  messaging_product: 'whatsapp',
  metadata,
  contacts: [
    {
      profile: { name: 'Sheena Nelson', username: 'sheena' },
      wa_id: '16505551234',
      user_id: 'US.13491208655302741918',
    },
  ],
  messages: [
    {
      from: '16505551234',
      from_user_id: 'US.13491208655302741918',
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      timestamp: '1749416383',
      type: 'text',
      text: { body: 'Does it come in another color?' },
    },
  ],
};

export const sentStatus = {
  id: 'wamid.sent1',
  status: 'sent',
  timestamp: '1750030073',
  recipient_id: '16505551234',
  biz_opaque_callback_data: 'my-tracking-id',
  conversation: {
    id: '72b14d6bd5407799e66f64d1b338e567',
    expiration_timestamp: '1750116480',
    origin: { type: 'marketing' },
  },
  pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
};

export const failedStatus = {
  id: 'wamid.failed1',
  status: 'failed',
  timestamp: '1751142888',
  recipient_id: '16505551234',
  errors: [
    {
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
      message: 'This message was not delivered to maintain healthy ecosystem engagement.',
      error_data: {
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
      href: '/documentation/business-messaging/whatsapp/support/error-codes',
    },
  ],
};

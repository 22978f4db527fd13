import type { shopifyEs } from './shopify.es';

/** Settings › Integrations › Shopify (English). */
export const shopifyEn: typeof shopifyEs = {
  title: 'Shopify',
  subtitle:
    'Order confirmation, shipping update with the tracking link and abandoned-checkout recovery on WhatsApp, with the templates you choose.',
  connect: {
    title: 'Connect your shop',
    shop: 'Shop address',
    shopPlaceholder: 'yourshop.myshopify.com',
    secret: 'Webhook secret',
    secretHint:
      'In Shopify: Settings › Notifications › Webhooks; it is shown under the list (“Your webhooks will be signed with…”).',
    secretKeep: 'Leave it empty to keep the saved secret.',
    number: 'Number',
    numberHint: 'The WhatsApp number the messages leave from.',
    submit: 'Connect shop',
    save: 'Save shop and number',
    noNumbers: 'Connect a WhatsApp number first (Settings › Numbers).',
  },
  connected: 'Connected',
  webhook: {
    title: 'Paste this address in Shopify',
    body: 'In Settings › Notifications › Webhooks, create one webhook per event, in JSON format, with this same address:',
    url: 'Webhook address',
  },
  automations: {
    title: 'Automations',
    variables: 'Variables: {{list}}',
    template: 'Template',
    noTemplate: 'Choose an approved template…',
    value: 'Value of {{name}}',
    orderConfirmation: {
      title: 'Order confirmation',
      body: "When an order is created, to the customer's phone.",
    },
    shippingUpdate: {
      title: 'Shipping update',
      body: 'When the order ships, with the tracking link.',
    },
    abandonedCheckout: {
      title: 'Abandoned checkout',
      body: 'Three messages if they do not buy: at 15 minutes, 1 hour and 24 hours. Stops when they buy or reply.',
      step: 'Step {{n}} · {{when}}',
      when: { 0: '15 min', 1: '1 h', 2: '24 h' },
    },
    on: 'On',
    save: 'Save',
    saved: 'Saved',
  },
  events: {
    title: 'Latest events received',
    empty: 'Nothing has arrived yet. Place a test order or use “Send test notification” in Shopify.',
    outcome: {
      pending: 'In progress',
      sent: 'Sent',
      enrolled: 'Recovery started',
      refreshed: 'Recovery updated',
      stopped: 'Recovery stopped',
      skipped: 'Skipped',
      ignored: 'No action',
      failed: 'Failed',
    },
  },
  disconnect: {
    action: 'Disconnect',
    title: 'Disconnect {{shop}}?',
    body: 'Charla will refuse its webhooks and stop sending these messages. The recovery sequence is turned off.',
    submit: 'Disconnect shop',
  },
};

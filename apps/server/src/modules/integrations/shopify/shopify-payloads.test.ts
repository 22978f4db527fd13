import { describe, expect, it } from 'vitest';
import {
  checkoutOf,
  customerNameOf,
  customerPhoneOf,
  e164Of,
  orderVariables,
  shippingVariables,
  variablesUsed,
} from './shopify-payloads';

describe('the customer’s phone of an order or checkout', () => {
  it.each([
    [
      'the order’s own first',
      { phone: '+34 611 000 001', customer: { phone: '+34 622 000 002' } },
      '+34 611 000 001',
    ],
    ['then the customer’s', { phone: null, customer: { phone: '+34 622 000 002' } }, '+34 622 000 002'],
    [
      'then the shipping address’s',
      {
        customer: { phone: null },
        shipping_address: { phone: '633 000 003' },
        billing_address: { phone: '644' },
      },
      '633 000 003',
    ],
    [
      'then the billing address’s',
      { shipping_address: { phone: '' }, billing_address: { phone: '644 000 004' } },
      '644 000 004',
    ],
    [
      'then the customer’s default address',
      { customer: { default_address: { phone: '655 000 005' } } },
      '655 000 005',
    ],
    ['none', { customer: {}, shipping_address: null }, null],
  ])('%s', (_, payload, raw) => {
    expect(customerPhoneOf(payload)?.raw ?? null).toBe(raw);
  });

  it('reads a national number in the address’s country, else the workspace’s', () => {
    const spanish = customerPhoneOf({ shipping_address: { phone: '612 34 56 78', country_code: 'es' } })!;
    expect(spanish.country).toBe('ES');
    expect(e164Of(spanish, 'MX')).toEqual({ ok: true, phone: '+34612345678' });
    const noCountry = customerPhoneOf({ phone: '55 1234 5678' })!;
    expect(e164Of(noCountry, 'MX')).toEqual({ ok: true, phone: '+525512345678' });
    expect(e164Of(noCountry, null)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('55 1234 5678'),
    });
  });
});

describe('variables', () => {
  it('of an order: name, total with currency, items; the customer from the customer or the address', () => {
    const order = {
      name: '#1001',
      total_price: '49.90',
      currency: 'EUR',
      order_status_url: 'https://luna.myshopify.com/1/orders/abc/authenticate?key=k',
      customer: { first_name: 'Lucía', last_name: 'Paz' },
      line_items: [
        { title: 'Zapatilla Río', quantity: 1 },
        { title: 'Calcetines', quantity: 2 },
      ],
    };
    expect(orderVariables(order)).toEqual({
      'customer.first_name': 'Lucía',
      'customer.name': 'Lucía Paz',
      'order.name': '#1001',
      'order.total': '49.90 EUR',
      'order.status_url': 'https://luna.myshopify.com/1/orders/abc/authenticate?key=k',
      'order.items': '1 × Zapatilla Río, 2 × Calcetines',
    });
    expect(customerNameOf({ customer: null, shipping_address: { first_name: 'Ana' } })).toEqual({
      first: 'Ana',
      full: 'Ana',
    });
  });

  it('of a fulfilled order: the last fulfilment with tracking, its url from tracking_urls when alone', () => {
    const order = {
      name: '#1002',
      fulfillments: [
        { tracking_company: 'DHL', tracking_number: 'A1', tracking_url: 'https://dhl.example/A1' },
        { tracking_company: 'UPS', tracking_numbers: ['B2'], tracking_urls: ['https://ups.example/B2'] },
        { tracking_company: null, tracking_number: null, tracking_url: null },
      ],
    };
    expect(shippingVariables(order)).toMatchObject({
      'tracking.url': 'https://ups.example/B2',
      'tracking.number': 'B2',
      'tracking.company': 'UPS',
    });
    expect(shippingVariables({ name: '#1003', fulfillments: [] })['tracking.url']).toBe('');
  });

  it('of a checkout: its token, recovery address and total; completed when completed_at is set', () => {
    expect(
      checkoutOf({
        token: 't1',
        abandoned_checkout_url: 'https://x/recover',
        total_price: '10.00',
        currency: 'MXN',
      }),
    ).toEqual({ token: 't1', url: 'https://x/recover', total: '10.00 MXN', isCompleted: false });
    expect(checkoutOf({ token: 't2', completed_at: '2026-12-07T10:00:00Z' }).isCompleted).toBe(true);
  });

  it('used by a template’s values', () => {
    expect(
      variablesUsed({
        header: '{{ order.name }}',
        body: { a: 'Hola {{customer.first_name}}', b: '{{order.name}} {{order.total}}' },
        buttons: { 0: '{{tracking.number}}' },
      }).sort(),
    ).toEqual(['customer.first_name', 'order.name', 'order.total', 'tracking.number']);
  });
});

/**
 * Webhooks as Shopify documents them (REST Admin API JSON, topics orders/create, orders/fulfilled,
 * checkouts/create), trimmed of fields Charla does not read but keeping their shape: prices as
 * decimal strings, ids as numbers, the phone on the order, the customer and the addresses.
 */

export interface Buyer {
  phone: string | null;
  first: string;
  last: string;
  country: string;
}

const address = (b: Buyer) => ({
  first_name: b.first,
  last_name: b.last,
  address1: 'Calle de Alcalá 21',
  city: 'Madrid',
  zip: '28014',
  province: 'Madrid',
  country: b.country === 'ES' ? 'Spain' : 'Mexico',
  country_code: b.country,
  phone: b.phone,
  name: `${b.first} ${b.last}`,
});

const customer = (b: Buyer, id: number) => ({
  id,
  email: `${b.first.toLowerCase()}@example.com`,
  first_name: b.first,
  last_name: b.last,
  phone: null,
  state: 'enabled',
  currency: 'EUR',
  tags: '',
  default_address: { ...address(b), id: id + 1, customer_id: id, default: true },
});

const lineItems = [
  {
    id: 866550311766439000,
    product_id: 632910392,
    variant_id: 808950810,
    title: 'Zapatilla Río',
    name: 'Zapatilla Río - 42',
    quantity: 1,
    price: '39.90',
    sku: 'ZR-42',
  },
  {
    id: 141249953214522980,
    product_id: 632910393,
    variant_id: 808950811,
    title: 'Calcetines',
    name: 'Calcetines - M',
    quantity: 2,
    price: '5.00',
    sku: 'CA-M',
  },
];

/** orders/create: a paid order. `phone` on the shipping address only (the common case). */
export function orderCreated(n: number, b: Buyer, checkoutToken: string | null = null) {
  return {
    id: 450789469 + n,
    admin_graphql_api_id: `gid://shopify/Order/${450789469 + n}`,
    name: `#${1000 + n}`,
    order_number: 1000 + n,
    number: n,
    email: `${b.first.toLowerCase()}@example.com`,
    phone: null,
    created_at: '2026-12-07T10:00:00+01:00',
    currency: 'EUR',
    presentment_currency: 'EUR',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: '49.90',
    subtotal_price: '49.90',
    total_tax: '8.66',
    checkout_token: checkoutToken,
    cart_token: '68778783ad298f1c80c3bafcddeea02f',
    token: `b1946ac92492d2347c6235b4d2611184-${n}`,
    order_status_url: `https://luna.myshopify.com/548380009/orders/b1946ac92492d2347c6235b4d2611184-${n}/authenticate?key=imasecretipod`,
    customer: customer(b, 207119551 + n),
    billing_address: address(b),
    shipping_address: address(b),
    line_items: lineItems,
    fulfillments: [],
  };
}

/** orders/fulfilled: the order with its fulfilment and the carrier's tracking. */
export function orderFulfilled(n: number, b: Buyer) {
  return {
    ...orderCreated(n, b),
    fulfillment_status: 'fulfilled',
    fulfillments: [
      {
        id: 255858046 + n,
        order_id: 450789469 + n,
        status: 'success',
        created_at: '2026-12-08T09:00:00+01:00',
        service: 'manual',
        shipment_status: null,
        tracking_company: 'Correos Express',
        tracking_number: `CX${700000 + n}`,
        tracking_numbers: [`CX${700000 + n}`],
        tracking_url: `https://s.correosexpress.com/search?s=CX${700000 + n}`,
        tracking_urls: [`https://s.correosexpress.com/search?s=CX${700000 + n}`],
        line_items: lineItems,
      },
    ],
  };
}

/** checkouts/create: a checkout with the customer's phone and the address to come back to it. */
export function checkoutCreated(token: string, b: Buyer) {
  return {
    id: 901414060 + token.length,
    token,
    cart_token: `cart-${token}`,
    email: `${b.first.toLowerCase()}@example.com`,
    phone: b.phone,
    created_at: '2026-12-07T10:00:00+01:00',
    updated_at: '2026-12-07T10:00:00+01:00',
    completed_at: null,
    currency: 'EUR',
    presentment_currency: 'EUR',
    total_price: '49.90',
    subtotal_price: '49.90',
    abandoned_checkout_url: `https://luna.myshopify.com/548380009/checkouts/${token}/recover?key=a4cd1b3e`,
    customer: customer(b, 207119000),
    billing_address: address(b),
    shipping_address: address(b),
    line_items: lineItems,
  };
}

import { normalizePhone } from '../../contacts';

/**
 * Reading the webhooks Shopify documents (orders, checkouts; the REST Admin API's JSON shapes):
 * the customer's phone in its first place found, their name, and the variables each automation
 * fills. Pure: no database, table-tested through the HTTP test's fixtures.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** The customer's phone as Shopify wrote it, and the country to read a national number in. */
export interface CustomerPhone {
  raw: string;
  country: string | null;
}

/** The order's or checkout's phone: its own, the customer's, then the shipping and billing addresses'. */
export function customerPhoneOf(payload: unknown): CustomerPhone | null {
  const p = obj(payload);
  const shipping = obj(p.shipping_address);
  const billing = obj(p.billing_address);
  const customer = obj(p.customer);
  const defaultAddress = obj(customer.default_address);
  const raw = [p.phone, customer.phone, shipping.phone, billing.phone, defaultAddress.phone]
    .map(str)
    .find((s) => s.length > 0);
  if (!raw) return null;
  const country =
    [shipping.country_code, billing.country_code, defaultAddress.country_code].map(str).find(Boolean) ?? null;
  return { raw, country: country ? country.toUpperCase() : null };
}

/** The phone in E.164 (+…), read in the address's country, else the workspace's; or why not. */
export function e164Of(
  phone: CustomerPhone,
  workspaceCountry: string | null,
): { ok: true; phone: string } | { ok: false; reason: string } {
  const read = normalizePhone(phone.raw, phone.country ?? workspaceCountry ?? 'ZZ');
  if (read.ok) return { ok: true, phone: read.phone };
  return { ok: false, reason: `"${phone.raw}" is not a phone number WhatsApp can reach: ${read.reason}.` };
}

/** The customer's name: the customer's, else the shipping or billing address's. */
export function customerNameOf(payload: unknown): { first: string; full: string } {
  const p = obj(payload);
  for (const source of [obj(p.customer), obj(p.shipping_address), obj(p.billing_address)]) {
    const first = str(source.first_name);
    const last = str(source.last_name);
    if (first || last) return { first: first || last, full: [first, last].filter(Boolean).join(' ') };
  }
  return { first: '', full: '' };
}

/** "49.90 EUR": the price as Shopify sends it (a decimal string) with its currency. */
const money = (amount: unknown, currency: unknown) => [str(amount), str(currency)].filter(Boolean).join(' ');

const customerValues = (payload: unknown) => {
  const name = customerNameOf(payload);
  return { 'customer.first_name': name.first, 'customer.name': name.full };
};

/** orders/create: the order confirmation's variables. */
export function orderVariables(order: unknown): Record<string, string> {
  const o = obj(order);
  const items = Array.isArray(o.line_items) ? o.line_items.map(obj) : [];
  return {
    ...customerValues(order),
    'order.name': str(o.name) || `#${str(o.order_number)}`,
    'order.total': money(o.total_price, o.currency),
    'order.status_url': str(o.order_status_url),
    'order.items': items
      .map((i) => `${str(i.quantity) || '1'} × ${str(i.title) || str(i.name)}`)
      .join(', ')
      .slice(0, 500),
  };
}

/** orders/fulfilled: the shipping update's variables, from the last fulfilment with tracking. */
export function shippingVariables(order: unknown): Record<string, string> {
  const o = obj(order);
  const fulfillments = (Array.isArray(o.fulfillments) ? o.fulfillments : []).map(obj);
  const withTracking =
    [...fulfillments]
      .reverse()
      .find((f) => str(f.tracking_url) || (Array.isArray(f.tracking_urls) && f.tracking_urls.length > 0)) ??
    fulfillments.at(-1) ??
    {};
  const urls = Array.isArray(withTracking.tracking_urls) ? withTracking.tracking_urls.map(str) : [];
  const numbers = Array.isArray(withTracking.tracking_numbers) ? withTracking.tracking_numbers.map(str) : [];
  return {
    ...customerValues(order),
    'order.name': str(o.name) || `#${str(o.order_number)}`,
    'order.status_url': str(o.order_status_url),
    'tracking.url': str(withTracking.tracking_url) || urls.find(Boolean) || '',
    'tracking.number': str(withTracking.tracking_number) || numbers.find(Boolean) || '',
    'tracking.company': str(withTracking.tracking_company),
  };
}

/** checkouts/create and checkouts/update: what the recovery messages need. */
export function checkoutOf(checkout: unknown) {
  const c = obj(checkout);
  return {
    token: str(c.token),
    url: str(c.abandoned_checkout_url),
    total: money(c.total_price, c.currency ?? c.presentment_currency),
    /** A checkout completed is an order: nothing to recover. */
    isCompleted: str(c.completed_at).length > 0,
  };
}

/** The checkout an order came from, to stop its recovery. */
export const checkoutTokenOf = (order: unknown): string => str(obj(order).checkout_token);

/** The {{variables}} a template's values use. */
export function variablesUsed(values: {
  header: string | null;
  body: Record<string, string>;
  buttons: Record<string, string>;
}): string[] {
  const texts = [values.header ?? '', ...Object.values(values.body), ...Object.values(values.buttons)];
  const found = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) found.add(m[1]!);
  return [...found];
}

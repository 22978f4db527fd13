import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soak } from '../harness/soak';
import { createTestApp, type TestApp } from '../harness/test-app';

// Thousands of webhook bodies, every one correctly signed (so each reaches the parser and the
// ingest worker): real payloads mutated in the ways real senders get things wrong, plus random
// JSON. Charla must never answer 5xx, must keep serving, and must store every well-formed
// message among them exactly once. Reproduce a failure with CHARLA_FUZZ_SEED=<seed>.

const SEED = Number(process.env.CHARLA_FUZZ_SEED ?? 20261111);
const BODIES = Number(process.env.CHARLA_FUZZ_BODIES ?? soak(3_000, 10_000));
const CONCURRENCY = 32;

/** mulberry32: small, fast and the same everywhere. */
function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof createRng>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let serial = 0;
const wamid = (rng: Rng) => `wamid.FUZZ${SEED}.${serial++}.${rng.int(1e9)}`;
const waIdOf = (rng: Rng) => `52155${String(10_000_000 + rng.int(1000)).slice(1)}`;

/** A real inbound message of each kind (§5.4), as Meta shapes it. */
function realMessage(rng: Rng, from: string, withMedia: boolean): Record<string, unknown> {
  const base = { from, id: wamid(rng), timestamp: String(1_760_000_000 + rng.int(1e6)) };
  const kinds: Record<string, unknown>[] = [
    { type: 'text', text: { body: 'Hola, ¿tienen envío?' } },
    { type: 'text', text: { body: 'mejor L' }, context: { from: '15550100100', id: 'wamid.Q' } },
    { type: 'text', text: { body: 'fwd' }, context: { forwarded: true } },
    {
      type: 'text',
      text: { body: 'Vi su anuncio' },
      referral: {
        source_url: 'https://fb.me/x',
        source_id: '1',
        source_type: 'ad',
        headline: 'H',
        body: 'B',
      },
    },
    { type: 'location', location: { latitude: 19.43, longitude: -99.13, name: 'Zócalo', address: 'CDMX' } },
    {
      type: 'contacts',
      contacts: [
        { name: { formatted_name: 'Marta' }, phones: [{ phone: '+52 55 1', wa_id: '52551', type: 'CELL' }] },
      ],
    },
    { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'y', title: 'Sí' } } },
    {
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'x', title: 'X', description: 'd' } },
    },
    { type: 'button', button: { payload: 'STOP', text: 'Stop' } },
    {
      type: 'order',
      order: {
        catalog_id: '1',
        text: 't',
        product_items: [{ product_retailer_id: 'S', quantity: 1, item_price: 2, currency: 'MXN' }],
      },
    },
    {
      type: 'unsupported',
      unsupported: { type: 'poll_creation' },
      errors: [{ code: 131051, title: 'Message type unknown' }],
    },
    { type: 'request_welcome' },
    { type: 'system', system: { body: 'changed', wa_id: from, type: 'user_changed_number' } },
  ];
  const media: Record<string, unknown>[] = [
    {
      type: 'image',
      image: { id: `M${rng.int(1e12)}`, mime_type: 'image/jpeg', sha256: 'c2hh', caption: 'foto' },
    },
    { type: 'document', errors: [{ code: 131052, title: 'Media download error' }] },
  ];
  return { ...base, ...rng.pick(withMedia ? [...kinds, ...media] : kinds) };
}

function realStatus(rng: Rng): Record<string, unknown> {
  return {
    id: wamid(rng),
    status: rng.pick(['sent', 'delivered', 'read', 'failed']),
    timestamp: String(1_760_000_000 + rng.int(1e6)),
    recipient_id: waIdOf(rng),
  };
}

function envelope(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: t.sandbox.wabaId, changes: [{ field: 'messages', value }] }],
  };
}

/** A clean delivery: its messages must all be stored, once. */
function validBody(rng: Rng): { body: Record<string, unknown>; wamids: string[] } {
  const from = waIdOf(rng);
  const messages = Array.from({ length: 1 + rng.int(3) }, () => realMessage(rng, from, false));
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
    contacts: [{ profile: { name: rng.pick(['Lucía', 'محمد', '李雷', '👩🏽‍💻 Ana']) }, wa_id: from }],
    messages,
  };
  if (rng.chance(0.3)) value.statuses = [realStatus(rng)];
  if (rng.chance(0.2)) {
    const target = messages[0]!.id;
    messages.push({
      from,
      id: wamid(rng),
      timestamp: '1760000000',
      type: 'reaction',
      reaction: { message_id: target, emoji: '👍' },
    });
  }
  const wamids = messages.filter((m) => m.type !== 'reaction').map((m) => m.id as string);
  return { body: envelope(value), wamids };
}

const DEEP = '"__DEEP__"';
const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF lone',
  '👩🏽‍💻',
  '‮RTL override',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̯̼',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style probe, on purpose
  '${jndi:ldap://x}',
  '\\u0000',
  '1760000000',
  '-1',
  '99999999999999999999999',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

function randomScalar(rng: Rng): unknown {
  switch (rng.int(8)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.int(1e6) - 5e5;
    case 3:
      return rng.pick([0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1.5]);
    case 4:
      return rng.pick(WEIRD_STRINGS);
    case 5:
      return 'x'.repeat(rng.int(200));
    default:
      return String.fromCharCode(...Array.from({ length: rng.int(20) }, () => rng.int(0x10000)));
  }
}

function randomJson(rng: Rng, depth = 0): unknown {
  if (depth > 4 || rng.chance(0.4)) return randomScalar(rng);
  if (rng.chance(0.5)) return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth + 1));
  const keys = [
    'object',
    'entry',
    'changes',
    'value',
    'messages',
    'statuses',
    'id',
    'type',
    'field',
    'text',
    'x',
  ];
  return Object.fromEntries(
    Array.from({ length: rng.int(6) }, () => [rng.pick(keys), randomJson(rng, depth + 1)]),
  );
}

/** Every (container, key) pair in a JSON tree, to mutate one at random. */
function slots(node: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      out.push([node, i]);
      slots(v, out);
    });
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      out.push([node as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

function mutate(rng: Rng, body: Record<string, unknown>): { deep: number } {
  let deep = 0;
  const all = slots(body);
  if (all.length === 0) return { deep };
  const [parent, key] = rng.pick(all);
  const p = parent as Record<string | number, unknown>;
  const value = p[key];
  switch (rng.int(12)) {
    case 0: // drop the field
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
      break;
    case 1: // duplicate it (an array item twice, or the value under a second key)
      if (Array.isArray(parent)) parent.push(structuredClone(value));
      else p[`${key}_dup`] = structuredClone(value);
      break;
    case 2: // retype to a random scalar
      p[key] = randomScalar(rng);
      break;
    case 3: // a huge string
      p[key] = 'Ω'.repeat(10_000 + rng.int(rng.chance(0.05) ? 1_000_000 : 50_000));
      break;
    case 4: // deep nesting
      deep = 100 + rng.int(3000);
      p[key] = '__DEEP__';
      break;
    case 5: // unicode edge cases
      p[key] = rng.pick(WEIRD_STRINGS);
      break;
    case 6: // numbers as strings and strings as numbers
      p[key] =
        typeof value === 'number' ? String(value) : typeof value === 'string' ? Number(value) || 0 : value;
      break;
    case 7:
      p[key] = null;
      break;
    case 8: // an array where an object is expected, and the reverse
      p[key] = Array.isArray(value) ? { ...value } : [value];
      break;
    case 9: // an empty container
      p[key] = rng.chance(0.5) ? {} : [];
      break;
    case 10: // random JSON in its place
      p[key] = randomJson(rng);
      break;
    default: // an extra unknown field
      p[`unknown_${rng.int(100)}`] = randomJson(rng);
  }
  return { deep };
}

function mutatedBody(rng: Rng): string {
  const from = waIdOf(rng);
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
    contacts: [{ profile: { name: 'Lucía' }, wa_id: from }],
    messages: Array.from({ length: 1 + rng.int(3) }, () => realMessage(rng, from, true)),
  };
  if (rng.chance(0.3)) value.statuses = [realStatus(rng)];
  const body = envelope(value);
  let deep = 0;
  const times = 1 + rng.int(4);
  for (let i = 0; i < times; i++) deep = Math.max(deep, mutate(rng, body).deep);
  let text = JSON.stringify(body);
  if (deep > 0) text = text.replace(DEEP, `${'{"a":['.repeat(deep)}1${']}'.repeat(deep)}`);
  return text;
}

describe('POST /webhooks/whatsapp under fuzzing (seed in CHARLA_FUZZ_SEED)', () => {
  it(`never answers 5xx to ${BODIES} signed bodies, keeps serving, and stores every well-formed message once`, async () => {
    const rng = createRng(SEED);
    const expected = new Set<string>();
    const bodies: string[] = [];
    for (let i = 0; i < BODIES; i++) {
      const roll = rng.next();
      if (roll < 0.2) {
        const { body, wamids } = validBody(rng);
        for (const w of wamids) expected.add(w);
        const text = JSON.stringify(body);
        bodies.push(text);
        if (rng.chance(0.1)) bodies.push(text); // Meta's retries: the same delivery again
      } else if (roll < 0.85) bodies.push(mutatedBody(rng));
      else
        bodies.push(
          rng.chance(0.1)
            ? '{"object":"whatsapp_business_account","entry":['
            : JSON.stringify(randomJson(rng)),
        );
    }

    const statuses = new Map<number, number>();
    const serverErrors: { status: number; body: string; sent: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await t.app.inject({
          method: 'POST',
          url: '/webhooks/whatsapp',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': t.sign(body) },
          payload: body,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500)
          serverErrors.push({ status: res.statusCode, body: res.body, sent: body.slice(0, 500) });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(serverErrors.slice(0, 3), `seed ${SEED}`).toEqual([]);
    expect(bodies.length).toBeGreaterThanOrEqual(BODIES);
    expect(
      (statuses.get(200) ?? 0) + (statuses.get(400) ?? 0),
      `seed ${SEED}: ${JSON.stringify([...statuses])}`,
    ).toBe(bodies.length);

    // Everything stored is ingested (or parked as failed with a reason), none left behind.
    await t.waitFor(
      async () =>
        Number(
          (
            await t.container.db.query<{ n: string }>(
              `SELECT count(*) AS n FROM webhook_events WHERE status = 'pending'`,
            )
          )[0]!.n,
        ) === 0,
      'the ingest worker to drain',
      50_000,
    );
    // Parked events are only those no channel can take or whose sender is no WhatsApp identity
    // (the message kept in the event); none failed for a reason of ours.
    const parked = await t.container.db.query<{ error: string }>(
      `SELECT left(error, 300) AS error FROM webhook_events
          WHERE status = 'failed' AND error NOT LIKE 'No connected channel has phone number id%'
            AND error !~ '^(Message \\S+ not filed: its sender .* is neither a WhatsApp id .*\\. ?)+$' LIMIT 5`,
    );
    expect(parked, `seed ${SEED}`).toEqual([]);
    const rows = await t.container.db.query<{ external_id: string; n: string }>(
      `SELECT external_id, count(*) AS n FROM messages WHERE channel_id = $1 AND external_id = ANY($2::text[]) GROUP BY external_id`,
      [t.sandbox.id, [...expected]],
    );
    const stored = new Map(rows.map((r) => [r.external_id, Number(r.n)]));
    const missing = [...expected].filter((w) => stored.get(w) !== 1);
    expect(
      missing.slice(0, 5),
      `seed ${SEED}: ${missing.length} of ${expected.size} well-formed messages not stored once`,
    ).toEqual([]);

    // Still serving: health, the inbox API, and a new message goes all the way through.
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: t.cookie },
    });
    expect(list.statusCode).toBe(200);
    const last = createRng(SEED + 1);
    const { body, wamids } = validBody(last);
    const text = JSON.stringify(body);
    expect((await t.postWebhook(text)).statusCode).toBe(200);
    await t.waitFor(
      async () =>
        (
          await t.container.db.query(
            'SELECT 1 FROM messages WHERE channel_id = $1 AND external_id = ANY($2::text[])',
            [t.sandbox.id, wamids],
          )
        ).length === wamids.length,
      'a message after the fuzzing',
    );
  }, 120_000);
});

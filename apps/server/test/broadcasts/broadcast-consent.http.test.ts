import { fillCannedVariables, firstNameOf } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedPromo, broadcastsApi, promoVariables, workspaceIdOf } from './broadcast-fixtures';

let t: TestApp;
let templateId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
  templateId = (await approvedPromo(t)).id;
  const ws = await workspaceIdOf(t);
  // Ana said yes to marketing; Luis (known by his WhatsApp name only) and the nameless one never
  // said; Marta said no.
  await t.container.db.query(
    `INSERT INTO contacts (workspace_id, wa_id, phone, name, profile_name, tags, opt_in_state) VALUES
       ($1, '34622000001', '+34622000001', '  Ana María García', NULL, ARRAY['consent'], 'opted_in'),
       ($1, '34622000002', '+34622000002', NULL, 'Luis Pérez', ARRAY['consent'], 'unknown'),
       ($1, '34622000003', '+34622000003', NULL, NULL, ARRAY['consent'], 'unknown'),
       ($1, '34622000004', '+34622000004', 'Marta Gil', NULL, ARRAY['consent'], 'opted_out')`,
    [ws],
  );
}, 60_000);
afterAll(() => t?.close());

const audience = { kind: 'filters' as const, filters: { tags: ['consent'] } };
/** The promo's {{first_name}} from the contact's first name, "amigo" without one. */
const firstName = {
  ...promoVariables(),
  body: { first_name: { source: 'attribute' as const, key: 'first_name', fallback: 'amigo' } },
};

/** What each number received, in order: the body's parameter of every accepted template send. */
function bodiesTo(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const s of t.simulator.sends(t.sandbox.phoneNumberId)) {
    const body = s.body as {
      type?: string;
      to?: string;
      template?: { components?: { type: string; parameters: { text: string }[] }[] };
    };
    if (s.responseStatus !== 200 || body.type !== 'template') continue;
    const to = String(body.to).replace('+', '');
    const text = body.template?.components?.find((c) => c.type === 'body')?.parameters[0]?.text ?? '';
    map.set(to, [...(map.get(to) ?? []), text]);
  }
  return map;
}

async function sendAndFinish(name: string) {
  const api = broadcastsApi(t);
  const res = await api.create({
    name,
    channelId: t.sandbox.id,
    templateId,
    audience,
    variables: firstName,
    scheduledAt: null,
    action: 'send_now',
  });
  expect(res.statusCode, res.body).toBe(201);
  return api.until(res.json().id, (b) => b.status === 'completed', `${name} to complete`);
}

const preview = async (withTemplate: boolean) =>
  (
    await broadcastsApi(t).call('POST', '/api/broadcasts/audience-preview', {
      channelId: t.sandbox.id,
      audience,
      ...(withTemplate ? { templateId } : {}),
    })
  ).json();

describe('marketing consent', () => {
  it('by default sends marketing to contacts of unknown consent, counting them for the warning', async () => {
    const settings = await broadcastsApi(t).call('GET', '/api/workspace/settings');
    expect(settings.json().marketingOptedInOnly).toBe(false);
    expect(await preview(true)).toMatchObject({
      total: 4,
      eligible: 3,
      optedOut: 1,
      unknownConsent: 2,
      optedInOnly: false,
    });
    const b = await sendAndFinish('Marketing para todos');
    expect(b.counts).toMatchObject({ total: 3, sent: 3, excludedOptedOut: 1, excludedNoConsent: 0 });
    const bodies = bodiesTo();
    expect([...bodies.keys()].sort()).toEqual(['34622000001', '34622000002', '34622000003']);
    // {{first_name}}: the first word of the name, of WhatsApp's name without one, else the fallback.
    expect(bodies.get('34622000001')).toEqual(['Ana']);
    expect(bodies.get('34622000002')).toEqual(['Luis']);
    expect(bodies.get('34622000003')).toEqual(['amigo']);
  });

  it('with "marketing only to opted-in contacts" leaves the unknown ones out, counted, and sends them nothing', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: t.cookie },
      payload: { marketingOptedInOnly: true },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().marketingOptedInOnly).toBe(true);
    expect(await preview(true)).toMatchObject({ eligible: 1, unknownConsent: 2, optedInOnly: true });
    expect((await preview(true)).sample.map((s: { phone: string }) => s.phone)).toEqual(['+34622000001']);
    // Not knowing the template yet, the preview cannot tell it is marketing.
    expect(await preview(false)).toMatchObject({ eligible: 3, optedInOnly: false });

    const b = await sendAndFinish('Solo con consentimiento');
    expect(b.counts).toMatchObject({ total: 1, sent: 1, excludedOptedOut: 1, excludedNoConsent: 2 });
    const recipients = await broadcastsApi(t).recipients(b.id);
    expect(recipients.map((r) => r.phone)).toEqual(['+34622000001']);
    const bodies = bodiesTo();
    expect(bodies.get('34622000001')).toEqual(['Ana', 'Ana']);
    expect(bodies.get('34622000002')).toEqual(['Luis']);
    expect(bodies.get('34622000003')).toEqual(['amigo']);
  });
});

describe('first name in canned responses', () => {
  it('is accepted in a saved response and fills in as the first word of the contact’s name', async () => {
    const res = await broadcastsApi(t).call('POST', '/api/canned-responses', {
      shortcut: 'hola',
      body: 'Hola {{contact.first_name}}, ¿en qué te ayudo?',
    });
    expect(res.statusCode, res.body).toBe(201);
    const values = {
      'contact.name': 'Ana María García',
      'contact.first_name': firstNameOf(' Ana María García'),
      'contact.phone': null,
      'agent.name': 'Beto',
      'workspace.name': 'Tienda',
    };
    expect(fillCannedVariables(res.json().body, values)).toBe('Hola Ana, ¿en qué te ayudo?');
  });
});

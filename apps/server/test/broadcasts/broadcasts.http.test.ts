import type { Broadcast, Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCounts } from '../../src/modules/broadcasts/live-counts';
import { apiOf, FILES } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedPromo,
  broadcastsApi,
  promo,
  promoVariables,
  seedContacts,
  templateSends,
  workspaceIdOf,
} from './broadcast-fixtures';

let t: TestApp;
let template: Template;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
  template = await approvedPromo(t);
  await seedContacts(t, 12, { tag: 'vip', optedOut: [3] });
}, 60_000);
afterAll(() => t?.close());

const nameVar = promoVariables();
const input = (tag: string, extra: object = {}) => ({
  name: `Difusión ${tag}`,
  channelId: t.sandbox.id,
  templateId: template.id,
  audience: { kind: 'filters' as const, filters: { tags: [tag] } },
  variables: nameVar,
  scheduledAt: null,
  action: 'send_now' as const,
  ...extra,
});
/** The body text Meta received per recipient, from the simulator's log. */
function sentBodies(): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of t.simulator.sends(t.sandbox.phoneNumberId)) {
    const body = s.body as {
      type?: string;
      to?: string;
      template?: { components?: { type: string; parameters: { text: string }[] }[] };
    };
    if (s.responseStatus !== 200 || body.type !== 'template') continue;
    const params = body.template?.components?.find((c) => c.type === 'body')?.parameters ?? [];
    map.set(String(body.to).replace('+', ''), params.map((p) => p.text).join('|'));
  }
  return map;
}
const setRate = (ratePerSecond: number) =>
  broadcastsApi(t).call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, { ratePerSecond });

describe('audience and creation', () => {
  it('previews the audience: eligible, opted out and invalid counted apart', async () => {
    const res = await broadcastsApi(t).call('POST', '/api/broadcasts/audience-preview', {
      channelId: t.sandbox.id,
      audience: { kind: 'filters', filters: { tags: ['vip'] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 12, eligible: 11, optedOut: 1, invalid: 0, duplicates: 0 });
    expect(res.json().sample[0]).toEqual({ name: 'Cliente 0', phone: '+34600000000' });
  });

  it('counts a CSV audience: rejected lines with their reason, repeated numbers as duplicates', async () => {
    const form = new FormData();
    form.append('defaultCountry', 'ES');
    const csv =
      'Phone,Name,Ciudad\n+34 612 000 001,Ana,Madrid\n612000002,Luis,\nno-es-un-numero,X,\n+34612000001,Ana otra vez,\n,Vacío,\n';
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'lista.csv');
    const res = await fetch(`${t.baseUrl}/api/broadcasts/csv-audiences`, {
      method: 'POST',
      headers: { cookie: t.cookie },
      body: form,
    });
    const upload = (await res.json()) as {
      uploadId: string;
      rows: number;
      valid: number;
      invalid: number;
      columns: string[];
      rejected: { line: number; reason: string }[];
    };
    expect(res.status).toBe(201);
    expect(upload).toMatchObject({ rows: 5, valid: 3, invalid: 2, columns: ['name', 'ciudad'] });
    expect(upload.rejected.map((r) => r.line)).toEqual([4, 6]);
    expect(upload.rejected[0]!.reason).toContain('no-es-un-numero');
    const preview = await broadcastsApi(t).call('POST', '/api/broadcasts/audience-preview', {
      channelId: t.sandbox.id,
      audience: { kind: 'csv', uploadId: upload.uploadId },
    });
    expect(preview.json()).toMatchObject({ total: 5, eligible: 2, invalid: 2, duplicates: 1, optedOut: 0 });
  });

  it('refuses a template that is not approved and a variable without a source, saying where', async () => {
    const ws = await workspaceIdOf(t);
    const [pending] = await t.container.db.query<{ id: string }>(
      `INSERT INTO templates (workspace_id, waba_id, name, language, category, parameter_format, body, body_examples, buttons, status, quality)
       VALUES ($1, $2, 'pendiente', 'es', 'marketing', 'named', 'Hola', '{}'::jsonb, '[]'::jsonb, 'pending', 'unknown') RETURNING id`,
      [ws, t.sandbox.wabaId],
    );
    const api = broadcastsApi(t);
    const notApproved = await api.create(
      input('vip', { templateId: pending!.id, variables: { ...nameVar, body: {} } }),
    );
    expect(notApproved.statusCode).toBe(400);
    expect(notApproved.json().error.message).toContain('not approved');
    expect(notApproved.json().error.fields[0].path).toBe('templateId');
    const noSource = await api.create(input('vip', { variables: { ...nameVar, body: {} } }));
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.fields).toEqual([
      { path: 'variables.body.first_name', message: expect.stringContaining('no source') },
    ]);
    const noSchedule = await api.create(input('vip', { action: 'schedule' }));
    expect(noSchedule.json().error.fields[0].path).toBe('scheduledAt');
  });
});

describe('sending', () => {
  let sent: Broadcast;

  it('sends once to each eligible contact, with their name or the fallback, and shows it in their conversation', async () => {
    const api = broadcastsApi(t);
    const res = await api.create(input('vip'));
    expect(res.statusCode, res.body).toBe(201);
    sent = await api.until(res.json().id, (b) => b.status === 'completed', 'the broadcast to complete');
    expect(sent.counts).toMatchObject({ total: 11, excludedOptedOut: 1, queued: 0, sent: 11, failed: 0 });
    const sends = await templateSends(t);
    expect(sends).toHaveLength(11);
    expect(sends.map((s) => s.to)).not.toContain('34600000003');
    const bodies = sentBodies();
    expect(bodies.get('34600000000')).toBe('Cliente 0');
    expect(bodies.get('34600000001')).toBe('amigo');
    // The contact's conversation shows the template as sent.
    const conversations = (await api.call('GET', '/api/conversations')).json().items as {
      id: string;
      lastMessage: { text: string } | null;
    }[];
    expect(conversations.length).toBeGreaterThanOrEqual(11);
    expect(conversations.some((c) => c.lastMessage?.text?.includes('20% en toda la tienda'))).toBe(true);
  });

  it('counts the funnel: delivered, read, and a customer reply', async () => {
    t.simulator.readAsCustomer(t.sandbox.phoneNumberId, '34600000000');
    t.simulator.readAsCustomer(t.sandbox.phoneNumberId, '34600000002');
    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '34600000002',
      text: '¿Hasta cuándo?',
    });
    const api = broadcastsApi(t);
    const b = await api.until(
      sent.id,
      (x) => x.counts.replied === 1 && x.counts.read === 2 && x.counts.delivered === 11,
      'the funnel counts',
    );
    expect(b.counts).toMatchObject({ sent: 11, delivered: 11, read: 2, replied: 1 });
    const replied = await api.recipients(sent.id, '&state=replied');
    expect(replied.map((r) => r.phone)).toEqual(['+34600000002']);
    expect(replied[0]!.repliedAt).not.toBeNull();
    // When each was delivered and read, as the recipient list and its CSV show it.
    const read = (await api.recipients(sent.id, '&state=read'))[0]!;
    expect(read.phone).toBe('+34600000000');
    expect(read.readAt).not.toBeNull();
    expect(Date.parse(read.deliveredAt!)).toBeLessThanOrEqual(Date.parse(read.readAt!));
    const delivered = await api.recipients(sent.id, '&state=delivered');
    expect(delivered.length).toBe(9);
    expect(delivered.every((r) => r.deliveredAt !== null && r.readAt === null)).toBe(true);
  });

  it('exports every recipient and its result as CSV', async () => {
    const res = await broadcastsApi(t).call('GET', `/api/broadcasts/${sent.id}/recipients.csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'name,phone,state,error_code,error,sent_at,delivered_at,read_at,replied_at,retry_at',
    );
    expect(lines).toHaveLength(12);
    expect(lines.find((l) => l.includes('+34600000002'))).toContain(',replied,');
  });

  it('skips contacts without a value when the variable has no fallback', async () => {
    const api = broadcastsApi(t);
    const plan = {
      ...nameVar,
      body: { first_name: { source: 'attribute' as const, key: 'plan', fallback: '' } },
    };
    const res = await api.create(input('vip', { variables: plan }));
    const b = await api.until(res.json().id, (x) => x.status === 'completed', 'the broadcast to complete');
    // Contacts 0, 6 and 9 have a plan (3 is opted out).
    expect(b.counts).toMatchObject({ total: 11, sent: 3, skipped: 8 });
    const skipped = await api.recipients(b.id, '&state=skipped');
    expect(skipped[0]!.error?.reason).toBe('No value and no fallback for body.first_name');
  });

  it('test-sends the template to one phone with the fallbacks', async () => {
    const res = await broadcastsApi(t).call('POST', '/api/broadcasts/test-send', {
      channelId: t.sandbox.id,
      templateId: template.id,
      variables: nameVar,
      phone: '+34 699 111 222',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(sentBodies().get('34699111222')).toBe('amigo');
  });

  it('reads a test number typed without + in the workspace default country', async () => {
    const send = (phone: string) =>
      broadcastsApi(t).call('POST', '/api/broadcasts/test-send', {
        channelId: t.sandbox.id,
        templateId: template.id,
        variables: nameVar,
        phone,
      });
    // No country chosen: the + is needed.
    expect((await send('699 111 223')).statusCode).toBe(400);
    const settings = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: t.cookie },
      payload: { defaultCountry: 'ES' },
    });
    expect(settings.json().defaultCountry).toBe('ES');
    const res = await send('699 111 223');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().to).toBe('+34699111223');
    expect(sentBodies().has('34699111223')).toBe(true);
  });
});

describe('a media header', () => {
  it('sends the file picked for this broadcast, not the sample Meta reviewed', async () => {
    const api = apiOf(t);
    const sample = await api.uploadWorkspaceFile('image', FILES.png, 'muestra.png');
    expect(sample.status, JSON.stringify(sample.body)).toBe(201);
    const withImage = await approvedPromo(t, {
      ...promo(),
      header: { format: 'image', exampleMediaId: sample.body.id },
    });
    const campaign = await api.uploadWorkspaceFile('image', FILES.png, 'rebajas.png');
    expect(campaign.status).toBe(201);
    await seedContacts(t, 3, { prefix: '34644', tag: 'foto' });
    const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
    const res = await broadcastsApi(t).create(
      input('foto', { templateId: withImage.id, variables: { ...nameVar, headerMediaId: campaign.body.id } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const b = await broadcastsApi(t).until(res.json().id, (x) => x.status === 'completed', 'the broadcast');
    expect(b.counts).toMatchObject({ total: 3, sent: 3, failed: 0 });
    const [uploaded] = await t.container.db.query<{ external_id: string }>(
      'SELECT external_id FROM media WHERE id = $1',
      [campaign.body.id],
    );
    const headers = t.simulator
      .sends(t.sandbox.phoneNumberId)
      .slice(before)
      .map((s) => (s.body as { template?: { components: { type: string }[] } }).template?.components[0]);
    expect(headers).toHaveLength(3);
    // One upload to Meta, reused for every recipient.
    for (const header of headers)
      expect(header).toEqual({
        type: 'header',
        parameters: [{ type: 'image', image: { id: uploaded!.external_id } }],
      });
  });

  it('refuses a broadcast without a file for the header', async () => {
    const sample = await apiOf(t).uploadWorkspaceFile('image', FILES.png, 'muestra.png');
    const withImage = await approvedPromo(t, {
      ...promo(),
      header: { format: 'image', exampleMediaId: sample.body.id },
    });
    const res = await broadcastsApi(t).create(
      input('foto', { templateId: withImage.id, variables: nameVar }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual({
      path: 'variables.headerMediaId',
      message: 'the header needs an image: upload one',
    });
  });
});

describe('control', () => {
  it('pauses within a second, resumes, and reports failures by reason', async () => {
    await seedContacts(t, 10, { prefix: '34622', tag: 'pausa' });
    await setRate(4);
    const api = broadcastsApi(t);
    const res = await api.create(input('pausa'));
    await api.until(res.json().id, (b) => b.counts.sent >= 1, 'the first send', 10_000);
    const paused = await api.call('POST', `/api/broadcasts/${res.json().id}/pause`);
    expect(paused.json().status).toBe('paused');
    await new Promise((r) => setTimeout(r, 1_000));
    const sentBefore = (await templateSends(t)).filter((s) => s.to.startsWith('34622')).map((s) => s.to);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await templateSends(t)).filter((s) => s.to.startsWith('34622'))).toHaveLength(sentBefore.length);
    expect(sentBefore.length).toBeLessThan(9);
    // Two not sent yet (the send order is not the phone order): one stopped marketing messages,
    // one's phone is unreachable.
    const [optedOut = '', unreachable = ''] = Array.from({ length: 10 }, (_, i) => `3462200000${i}`).filter(
      (phone) => !sentBefore.includes(phone),
    );
    t.simulator.setMarketingOptOut(t.sandbox.phoneNumberId, optedOut, true);
    t.simulator.setCustomer(t.sandbox.phoneNumberId, unreachable, { reachable: false });
    await setRate(1000);
    expect((await api.call('POST', `/api/broadcasts/${res.json().id}/resume`)).json().status).toBe('sending');
    const b = await api.until(
      res.json().id,
      // Wait for the last delivery receipts too: the live counts below are read afterwards.
      (x) => x.status === 'completed' && x.counts.failed === 2 && x.counts.delivered === 8,
      'two failures and eight deliveries',
    );
    expect(b.failuresByReason.map((f) => f.code).sort()).toEqual([131026, 131050]);
    expect(b.counts).toMatchObject({ total: 10, sent: 8, delivered: 8, failed: 2 });
    const contact = await t.container.db.query<{ opt_in_state: string }>(
      'SELECT opt_in_state FROM contacts WHERE wa_id = $1',
      [optedOut],
    );
    expect(contact[0]!.opt_in_state).toBe('opted_out');
    // The progress pushed while sending: a full count first, then the cheap one carrying the
    // funnel along, which must read the same (the two failures came from Meta after the send).
    const live = new LiveCounts();
    const row = { id: b.id, excluded_opted_out: 0, excluded_invalid: 0 };
    expect(await live.of(t.container, row)).toEqual(b.counts);
    expect(await live.of(t.container, row)).toEqual(b.counts);
  });

  it('cancels: nothing more is sent and the rest is skipped', async () => {
    await seedContacts(t, 20, { prefix: '34633', tag: 'cancela' });
    await setRate(4);
    const api = broadcastsApi(t);
    const res = await api.create(input('cancela'));
    await api.until(res.json().id, (b) => b.counts.sent >= 1, 'the first send', 10_000);
    expect((await api.call('POST', `/api/broadcasts/${res.json().id}/cancel`)).json().status).toBe(
      'cancelled',
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const sentThen = (await templateSends(t)).filter((s) => s.to.startsWith('34633')).length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await templateSends(t)).filter((s) => s.to.startsWith('34633')).length).toBe(sentThen);
    const b = await api.get(res.json().id);
    expect(b.counts.sent).toBe(sentThen);
    expect(b.counts.skipped).toBe(20 - sentThen);
    expect((await api.call('DELETE', `/api/broadcasts/${b.id}`)).statusCode).toBe(409);
    await setRate(1000);
  });

  it('schedules for later and edits a scheduled broadcast', async () => {
    const api = broadcastsApi(t);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const res = await api.create(input('vip', { action: 'schedule', scheduledAt: later }));
    expect(res.json()).toMatchObject({ status: 'scheduled', scheduledAt: later });
    const edited = await api.call(
      'PUT',
      `/api/broadcasts/${res.json().id}`,
      input('vip', { name: 'Otra', action: 'draft' }),
    );
    expect(edited.json()).toMatchObject({ name: 'Otra', status: 'draft', scheduledAt: null });
    expect((await api.call('DELETE', `/api/broadcasts/${res.json().id}`)).statusCode).toBe(204);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
const PROMO = randomUUID();
const AVISO = randomUUID();
const GOOD = randomUUID();
const FAIR = randomUUID();
let broadcastId: string;

/**
 * Week 2026-03-02 … 03-08 (UTC). Broadcast "Marzo" (template promo) starts Tue 03-03 10:00 to five
 * contacts: Ana reads and replies an hour later; Bruno reads (and opts out 100 h later: too late
 * to count); Clara's is delivered and she opts out 2 h later; Dani is not on WhatsApp (131026);
 * Eva is capped by WhatsApp (131049, limited). An agent sends "aviso" to Ana Wed 03-04, which
 * fails (131047). Automation sends "good" 20 times, all read, and "fair" 20 times, 10 read,
 * to Fede (who never writes). A promo sent 03-10 is outside the period.
 */
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
  const q = t.container.db.query;
  const channel = t.sandbox.id;
  const [ws] = await q<{ id: string }>('SELECT workspace_id AS id FROM channels WHERE id = $1', [channel]);
  const workspaceId = ws!.id;
  let n = 0;
  const person = async (name: string, opt?: { out: string }) => {
    const waId = `3460000${String(++n).padStart(4, '0')}`;
    const [c] = await q<{ id: string }>(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name, opt_in_state, opt_in_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [workspaceId, waId, `+${waId}`, name, opt ? 'opted_out' : 'unknown', opt?.out ?? null],
    );
    const [conv] = await q<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, contact_id, status) VALUES ($1, $2, $3, 'open') RETURNING id`,
      [workspaceId, channel, c!.id],
    );
    return { contactId: c!.id, conversationId: conv!.id, waId };
  };
  const template = (id: string, name: string) => ({
    type: 'template',
    template: { templateId: id, name, language: 'es', category: 'marketing', body: 'Hola' },
  });
  const message = async (
    conversationId: string,
    at: string,
    more: {
      direction?: string;
      content?: object;
      status?: string | null;
      error?: object;
      sender?: string;
      auto?: boolean;
    } = {},
  ) =>
    (
      await q<{ id: string }>(
        `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, content, status, error,
                               sender_user_id, automated_by, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10::jsonb, $11) RETURNING id`,
        [
          workspaceId,
          conversationId,
          channel,
          more.direction ?? 'outbound',
          more.content ? 'template' : 'text',
          JSON.stringify(more.content ?? { type: 'text', body: 'hola' }),
          more.status === undefined ? 'read' : more.status,
          more.error ? JSON.stringify(more.error) : null,
          more.sender ?? null,
          more.auto ? JSON.stringify({ kind: 'rule', id: randomUUID(), name: 'Seguimiento' }) : null,
          at,
        ],
      )
    )[0]!.id;

  const [b] = await q<{ id: string }>(
    `INSERT INTO broadcasts (workspace_id, name, channel_id, template_id, template_name, template, audience, variables,
                             status, started_at, finished_at)
     VALUES ($1, 'Marzo', $2, $3, 'promo', '{"language": "es", "category": "marketing"}', '{}', '{}', 'completed',
             '2026-03-03T10:00:00Z', '2026-03-03T10:05:00Z') RETURNING id`,
    [workspaceId, channel, PROMO],
  );
  broadcastId = b!.id;
  const SENT = '2026-03-03T10:00:00Z';
  const recipient = async (
    who: { contactId: string; conversationId: string; waId: string },
    r: { state: string; messageId?: string; code?: number; reason?: string },
  ) =>
    q(
      `INSERT INTO broadcast_recipients (broadcast_id, workspace_id, contact_id, wa_id, values, state, claimed_at, sent_at,
                                         message_id, conversation_id, error_code, error_reason)
       VALUES ($1, $2, $3, $4, '{}', $5, $6, $7, $8, $9, $10, $11)`,
      [
        broadcastId,
        workspaceId,
        who.contactId,
        who.waId,
        r.state,
        SENT,
        r.state === 'sent' ? SENT : null,
        r.messageId ?? null,
        r.state === 'sent' ? who.conversationId : null,
        r.code ?? null,
        r.reason ?? null,
      ],
    );
  const promo = { content: template(PROMO, 'promo') };
  const ana = await person('Ana');
  await recipient(ana, { state: 'sent', messageId: await message(ana.conversationId, SENT, promo) });
  await message(ana.conversationId, '2026-03-03T11:00:00Z', { direction: 'inbound', status: null });
  const bruno = await person('Bruno', { out: '2026-03-07T14:00:00Z' });
  await recipient(bruno, { state: 'sent', messageId: await message(bruno.conversationId, SENT, promo) });
  const clara = await person('Clara', { out: '2026-03-03T12:00:00Z' });
  await recipient(clara, {
    state: 'sent',
    messageId: await message(clara.conversationId, SENT, { ...promo, status: 'delivered' }),
  });
  await recipient(await person('Dani'), { state: 'failed', code: 131026, reason: 'Not on WhatsApp' });
  await recipient(await person('Eva'), { state: 'failed', code: 131049, reason: 'Marketing cap' });
  await message(ana.conversationId, '2026-03-04T09:00:00Z', {
    content: template(AVISO, 'aviso'),
    status: 'failed',
    error: { code: 131047, reason: 'More than 24 hours since the customer wrote' },
    sender: agent.userId,
  });
  const fede = await person('Fede');
  for (let i = 0; i < 20; i++) {
    const at = new Date(Date.parse('2026-03-05T08:00:00Z') + i * 60_000).toISOString();
    await message(fede.conversationId, at, { content: template(GOOD, 'good'), auto: true });
    await message(fede.conversationId, at, {
      content: template(FAIR, 'fair'),
      status: i < 10 ? 'read' : 'delivered',
      auto: true,
    });
  }
  await message(ana.conversationId, '2026-03-10T09:00:00Z', promo);
});
afterAll(() => t?.close());

const WEEK = 'from=2026-03-02&to=2026-03-08&tz=UTC';
const get = (url: string, cookie = t.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('campaigns report', () => {
  it('gives each broadcast of the period its funnel, failures by reason and the opt-outs that followed', async () => {
    const res = await get(`/api/reports/campaigns?${WEEK}`);
    expect(res.statusCode, res.body).toBe(200);
    const [row, ...others] = res.json().broadcasts;
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      id: broadcastId,
      name: 'Marzo',
      templateName: 'promo',
      recipients: 5,
      queued: 0,
      skipped: 0,
      sent: 3,
      delivered: 3,
      read: 2,
      replied: 1,
      failed: 1,
      limited: 1,
      failures: [{ code: 131026, reason: 'Not on WhatsApp', count: 1 }],
      // Clara, 2 h after; Bruno's came 100 h after.
      optedOut: 1,
      deliveryRate: 1,
      readRate: 0.6667,
      replyRate: 0.3333,
      optOutRate: 0.3333,
    });
  });

  it('counts every template sent in the period, by who sent it, and ranks those sent 20 times or more', async () => {
    const report = (await get(`/api/reports/campaigns?${WEEK}`)).json();
    const byKey = Object.fromEntries(report.templates.map((x: { key: string }) => [x.key, x]));
    expect(report.templates.map((x: { name: string }) => x.name)).toEqual(['fair', 'good', 'promo', 'aviso']);
    // The three sent messages, and the two recipients WhatsApp refused before any message existed.
    expect(byKey[PROMO]).toMatchObject({
      byBroadcasts: 5,
      byAgents: 0,
      sent: 3,
      delivered: 3,
      read: 2,
      replied: 1,
      failed: 1,
      limited: 1,
      ranked: false,
    });
    expect(byKey[AVISO]).toMatchObject({
      byAgents: 1,
      sent: 0,
      failed: 1,
      failures: [{ code: 131047, reason: 'More than 24 hours since the customer wrote', count: 1 }],
      readRate: null,
    });
    expect(byKey[GOOD]).toMatchObject({
      byAutomation: 20,
      sent: 20,
      read: 20,
      replied: 0,
      readRate: 1,
      ranked: true,
    });
    expect(byKey[FAIR]).toMatchObject({
      sent: 20,
      delivered: 20,
      read: 10,
      readRate: 0.5,
      replyRate: 0,
      ranked: true,
    });
    expect(report.ranking).toEqual({
      minSends: 20,
      byReadRate: { best: [GOOD, FAIR], worst: [FAIR, GOOD] },
      // Tied at 0: the more sent first, then by key.
      byReplyRate: expect.objectContaining({ best: expect.arrayContaining([GOOD, FAIR]) }),
    });
  });

  it('gives template sends and reads per day of sending', async () => {
    const { days } = (await get(`/api/reports/campaigns?${WEEK}`)).json();
    expect(days).toHaveLength(7);
    expect(days.filter((d: { sent: number }) => d.sent > 0)).toEqual([
      { date: '2026-03-03', sent: 3, read: 2 },
      { date: '2026-03-05', sent: 40, read: 30 },
    ]);
  });

  it('narrows to one number, and leaves out what another number sent', async () => {
    const other = randomUUID();
    const report = (await get(`/api/reports/campaigns?${WEEK}&channelId=${other}`)).json();
    expect(report.broadcasts).toEqual([]);
    expect(report.templates).toEqual([]);
  });

  it('is for owners and admins only', async () => {
    const res = await get(`/api/reports/campaigns?${WEEK}`, agent.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('reports_admins_only');
  });
});

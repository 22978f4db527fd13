import { expect } from 'vitest';
import { addMember, type Member } from '../harness/members';
import type { TestApp } from '../harness/test-app';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** Charla's API with a member's session cookie. */
export const requestAs =
  (t: () => TestApp, cookie: () => string) => (method: Method, url: string, payload?: object) =>
    t().app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });

export const MIN = 60_000;
export const H = 60 * MIN;

export interface Seeded {
  workspaceId: string;
  bea: Member;
  carlos: Member;
  teamId: string;
  /** The second number (inserted, not connected). */
  channel2: string;
  /** One function per conversation, in the order they are inserted (see seedHistory). */
  steps: (() => Promise<void>)[];
}

/**
 * A workspace with Madrid's hours (Monday to Friday 09:00–18:00, UTC+1 in February), a team
 * "Soporte", two agents (Beatriz, Carlos) and a second number; the conversations' history comes
 * from `steps`, each inserting one conversation with explicit timestamps. Local times are Madrid's.
 *
 * Period 2026-02-02 (Mon) … 2026-02-08 (Sun); the previous one 2026-01-26 … 2026-02-01.
 *
 * - C4 Rosa (Soporte, Beatriz). Cycle P, previous period: Tue 01-27 10:00 asks, Beatriz answers
 *   10:20 (20 min), resolves 11:00 (60 min). Cycle F: Rosa writes again Sun 02-08 20:00, nobody
 *   answers (reopened; its window closes Mon 02-09, after the period).
 * - C1 Lucía (Soporte, Beatriz). Cycle A: Mon 17:30 asks, Beatriz answers Tue 09:30 (16 h;
 *   business 30 + 30 = 60 min), resolves Tue 10:00 (16.5 h; business 30 + 60 = 90 min). A broadcast
 *   reaches her Sat 11:00 (no person, no automation).
 * - C2 Mario (Soporte, Carlos). Cycle B: Tue 10:00 asks; waits in the queue until Carlos takes it
 *   10:05 (5 min); he answers 10:10 (10 min), resolves 11:00 (60 min). Cycle C: Mario writes
 *   again Wed 12:00, Carlos answers 12:30 (30 min), unresolved: expired Thu 12:00, not missed.
 * - C3 Pedro (no team, nobody), from an ad: Wed 20:00 asks, a bot greets him at once (no
 *   response). Cycle D: expired Thu 20:00, missed.
 * - C5 Lucía again, on the second number (no team, Beatriz). Cycle E: Fri 04:00 asks (Fri 03:00 UTC,
 *   Thu 21:00 in Mexico City), Beatriz answers 09:15 (5 h 15 min; business 15 min), resolves 09:20
 *   (5 h 20 min; business 20 min). Lucía is not a new contact here.
 * - C6 Nora (Soporte, Beatriz): pending, no messages (load only).
 */
export async function seedReports(t: TestApp): Promise<Seeded> {
  const owner = requestAs(
    () => t,
    () => t.cookie,
  );
  const bea = await addMember(t, 'agent', 'Beatriz Agent');
  const carlos = await addMember(t, 'agent', 'Carlos Agent');
  const team = await owner('POST', '/api/teams', { name: 'Soporte' });
  expect(team.statusCode, team.body).toBeLessThan(300);
  const teamId: string = team.json().id;
  const hours = await owner('PUT', '/api/business-hours', {
    timeZone: 'Europe/Madrid',
    days: [...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), [], []],
    holidays: [],
  });
  expect(hours.statusCode, hours.body).toBe(200);

  const q = t.container.db.query;
  const [ws] = await q<{ id: string }>('SELECT workspace_id AS id FROM channels WHERE id = $1', [
    t.sandbox.id,
  ]);
  const workspaceId = ws!.id;
  const [ch2] = await q<{ id: string }>(
    `INSERT INTO channels (workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url,
                           graph_version, access_token_enc, app_secret_enc, verify_token_enc, status)
     VALUES ($1, 'cloud', 'Almacén', 'seed-phone-2', '+34 600 000 002', 'seed-waba', 'http://127.0.0.1:9', 'v23.0',
             '', '', '', 'disconnected') RETURNING id`,
    [workspaceId],
  );
  const channel2 = ch2!.id;
  const channel1 = t.sandbox.id;

  let wamid = 0;
  const contact = async (name: string, waId: string) =>
    (
      await q<{ id: string }>(
        'INSERT INTO contacts (workspace_id, wa_id, phone, name) VALUES ($1, $2, $3, $4) RETURNING id',
        [workspaceId, waId, `+${waId}`, name],
      )
    )[0]!.id;
  const conversation = async (c: {
    contactId: string;
    channelId?: string;
    status: string;
    assignee?: string;
    team?: string;
    createdAt: string;
  }) =>
    (
      await q<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, assignee_user_id, team_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          workspaceId,
          c.channelId ?? channel1,
          c.contactId,
          c.status,
          c.assignee ?? null,
          c.team ?? null,
          c.createdAt,
        ],
      )
    )[0]!.id;
  const message = async (
    conversationId: string,
    direction: 'inbound' | 'outbound',
    at: string,
    more: { sender?: string; automatedBy?: object; referral?: object; channelId?: string } = {},
  ) => {
    await q(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, external_id, status,
                             sender_user_id, automated_by, referral, occurred_at)
       VALUES ($1, $2, $3, $4, 'text', 'hola', $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
      [
        workspaceId,
        conversationId,
        more.channelId ?? channel1,
        direction,
        `wamid.seed-${++wamid}`,
        direction === 'outbound' ? 'read' : null,
        more.sender ?? null,
        more.automatedBy ? JSON.stringify(more.automatedBy) : null,
        more.referral ? JSON.stringify(more.referral) : null,
        at,
      ],
    );
  };
  const event = async (
    conversationId: string,
    kind: 'status' | 'assignee',
    from: string | null,
    to: string | null,
    at: string,
    actor: string | null = null,
  ) => {
    await q(
      `INSERT INTO conversation_events (workspace_id, conversation_id, actor_user_id, kind, from_value, to_value, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [workspaceId, conversationId, actor, kind, from, to, at],
    );
  };

  const B = bea.userId;
  const C = carlos.userId;
  const steps = [
    async () => {
      const rosa = await contact('Rosa', '34600000004');
      const c4 = await conversation({
        contactId: rosa,
        status: 'open',
        assignee: B,
        team: teamId,
        createdAt: '2026-01-27T09:00:00Z',
      });
      await message(c4, 'inbound', '2026-01-27T10:00:00+01:00');
      await message(c4, 'outbound', '2026-01-27T10:20:00+01:00', { sender: B });
      await event(c4, 'status', 'open', 'resolved', '2026-01-27T11:00:00+01:00', B);
      await message(c4, 'inbound', '2026-02-08T20:00:00+01:00');
      await event(c4, 'status', 'resolved', 'open', '2026-02-08T20:00:00+01:00');
    },
    async () => {
      const lucia = await contact('Lucía', '34600000001');
      const c1 = await conversation({
        contactId: lucia,
        status: 'resolved',
        assignee: B,
        team: teamId,
        createdAt: '2026-02-02T16:30:00Z',
      });
      await message(c1, 'inbound', '2026-02-02T17:30:00+01:00');
      await message(c1, 'outbound', '2026-02-03T09:30:00+01:00', { sender: B });
      await event(c1, 'status', 'open', 'resolved', '2026-02-03T10:00:00+01:00', B);
      await message(c1, 'outbound', '2026-02-07T11:00:00+01:00'); // a broadcast
    },
    async () => {
      const mario = await contact('Mario', '34600000002');
      const c2 = await conversation({
        contactId: mario,
        status: 'open',
        assignee: C,
        team: teamId,
        createdAt: '2026-02-03T09:00:00Z',
      });
      await message(c2, 'inbound', '2026-02-03T10:00:00+01:00');
      await event(c2, 'assignee', null, C, '2026-02-03T10:05:00+01:00');
      await q(
        `INSERT INTO conversation_queue_waits (workspace_id, conversation_id, team_id, queued_at, assigned_at, waited_ms,
                                               assigned_by, assignee_user_id)
         VALUES ($1, $2, $3, '2026-02-03T10:00:00+01:00', '2026-02-03T10:05:00+01:00', 300000, 'member', $4)`,
        [workspaceId, c2, teamId, C],
      );
      await message(c2, 'outbound', '2026-02-03T10:10:00+01:00', { sender: C });
      await event(c2, 'status', 'open', 'resolved', '2026-02-03T11:00:00+01:00', C);
      await message(c2, 'inbound', '2026-02-04T12:00:00+01:00');
      await event(c2, 'status', 'resolved', 'open', '2026-02-04T12:00:00+01:00');
      await message(c2, 'outbound', '2026-02-04T12:30:00+01:00', { sender: C });
    },
    async () => {
      const pedro = await contact('Pedro', '34600000003');
      const c3 = await conversation({ contactId: pedro, status: 'open', createdAt: '2026-02-04T19:00:00Z' });
      await message(c3, 'inbound', '2026-02-04T20:00:00+01:00', {
        referral: { source_url: 'https://fb.me/anuncio', source_id: 'ad-1', source_type: 'ad' },
      });
      await message(c3, 'outbound', '2026-02-04T20:00:05+01:00', {
        automatedBy: { kind: 'bot', id: '00000000-0000-4000-8000-000000000001', name: 'Bienvenida' },
      });
    },
    async () => {
      const [lucia] = await q<{ id: string }>("SELECT id FROM contacts WHERE wa_id = '34600000001'");
      const c5 = await conversation({
        contactId: lucia!.id,
        channelId: channel2,
        status: 'resolved',
        assignee: B,
        createdAt: '2026-02-06T03:00:00Z',
      });
      await message(c5, 'inbound', '2026-02-06T03:00:00Z', { channelId: channel2 });
      await message(c5, 'outbound', '2026-02-06T09:15:00+01:00', { sender: B, channelId: channel2 });
      await event(c5, 'status', 'open', 'resolved', '2026-02-06T09:20:00+01:00', B);
    },
    async () => {
      const nora = await contact('Nora', '34600000005');
      await conversation({
        contactId: nora,
        status: 'pending',
        assignee: B,
        team: teamId,
        createdAt: '2026-02-06T12:00:00Z',
      });
    },
  ];
  return { workspaceId, bea, carlos, teamId, channel2, steps };
}

/** Inserts every conversation of the dataset. */
export async function seedHistory(s: Seeded) {
  for (const step of s.steps) await step();
}

export const PERIOD = 'from=2026-02-02&to=2026-02-08';

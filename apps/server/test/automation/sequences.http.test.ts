import type { Sequence, SequenceEnrollment, SequenceInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate, orderUpdate, templatesApi, uniqueName } from '../templates/template-fixtures';
import { requestsAs, simulatedCustomers } from './automation-harness';

let t: TestApp;
let agent: Member;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const as = requestsAs(() => t);
const owner = as(() => t.cookie);
const asAgent = as(() => agent.cookie);
const { newCustomer, writesAtClock, stored, received } = simulatedCustomers(() => t, {
  prefix: '34622',
  name: 'Lucía Gómez',
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const always = { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' };
const text = (amount: number, unit: 'minutes' | 'hours' | 'days', body: string) => ({
  delay: { amount, unit },
  message: { type: 'text' as const, text: body },
});

async function createSequence(input: Partial<SequenceInput>): Promise<Sequence> {
  const res = await owner('POST', '/api/sequences', {
    name: `Seguimiento ${++n}`,
    channelId: t.sandbox.id,
    window: always,
    steps: [text(10, 'minutes', 'Hola')],
    ...input,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The customer writes at the test clock's time; resolves with the contact once Charla stored it. */
async function customerWrites(from: string, body: string): Promise<string> {
  await writesAtClock(from, body);
  return (await stored(from, body)).contactId;
}

async function enroll(sequenceId: string, contactIds: string[]) {
  const res = await owner('POST', `/api/sequences/${sequenceId}/enrollments`, { contactIds });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { enrolled: number; alreadyEnrolled: number; optedOut: number };
}

const enrollments = async (sequenceId: string): Promise<SequenceEnrollment[]> =>
  (await owner('GET', `/api/sequences/${sequenceId}/enrollments`)).json().enrollments;

/** Moves the test clock on and lets the sequences' runner look. */
async function advance(ms: number) {
  t.clock.advance(ms);
  t.container.automationWorker.wake();
  // Every due step handled and its message gone to WhatsApp.
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
                WHERE e.status = 'active' AND s.enabled AND e.next_at <= $1)
            + (SELECT count(*) FROM messages WHERE automated_by IS NOT NULL AND status = 'queued') AS n`,
      [t.clock.now()],
    );
    return Number(row?.n) === 0;
  }, 'the due steps');
}

describe('steps', () => {
  it('sends step 1 after its delay and step 2 after its own, then finishes; the thread says which sequence', async () => {
    t.clock.set(new Date());
    const sequence = await createSequence({
      steps: [
        text(10, 'minutes', 'Hola {{contact.first_name}}, ¿qué tal tu pedido?'),
        text(1, 'hours', '¿Te ayudamos con algo más?'),
      ],
    });
    const from = newCustomer();
    const contactId = await customerWrites(from, 'Hola');
    expect(await enroll(sequence.id, [contactId])).toEqual({ enrolled: 1, alreadyEnrolled: 0, optedOut: 0 });
    await advance(9 * MIN);
    expect(received(from)).toEqual([]);
    await advance(MIN);
    await t.waitFor(async () => received(from).length === 1, 'step 1');
    expect(received(from)).toEqual(['Hola Lucía, ¿qué tal tu pedido?']);
    await advance(59 * MIN);
    expect(received(from)).toHaveLength(1);
    await advance(MIN);
    await t.waitFor(async () => received(from).length === 2, 'step 2');
    expect(received(from)[1]).toBe('¿Te ayudamos con algo más?');
    const [e] = await enrollments(sequence.id);
    expect(e).toMatchObject({ status: 'finished', step: 2, enrolledBy: 'member', nextAt: null });
    const thread = (await owner('GET', `/api/conversations/${e!.conversationId}`)).json();
    const sent = thread.messages.filter((m: { direction: string }) => m.direction === 'outbound');
    expect(sent[0].automatedBy).toMatchObject({ kind: 'sequence', id: sequence.id, name: sequence.name });
    const listed = (await asAgent('GET', '/api/sequences')).json().sequences as Sequence[];
    expect(listed.find((s) => s.id === sequence.id)?.counts).toMatchObject({
      enrolled: 1,
      finished: 1,
      active: 0,
    });
  });

  it('a step due outside the allowed hours waits until they open, in the sequence’s time zone', async () => {
    t.clock.set(new Date());
    // Tokyo has no summer time: its clock is UTC + 9 all year.
    const tokyoHour = (t.clock.now().getUTCHours() + 9) % 24;
    const from = (tokyoHour + 2) % 24;
    const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const sequence = await createSequence({
      window: {
        timeZone: 'Asia/Tokyo',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        from: pad(from),
        to: from === 23 ? '24:00' : pad(from + 1),
      },
      steps: [text(0, 'minutes', 'Ya abrimos')],
    });
    const customer = newCustomer();
    const contactId = await customerWrites(customer, 'Hola');
    await enroll(sequence.id, [contactId]);
    const now = t.clock.now();
    const opens = new Date(now);
    opens.setUTCMinutes(0, 0, 0);
    opens.setTime(opens.getTime() + 2 * HOUR);
    const [e] = await enrollments(sequence.id);
    expect(e!.nextAt).toBe(opens.toISOString());
    await advance(opens.getTime() - now.getTime() - MIN);
    expect(received(customer)).toEqual([]);
    await advance(MIN);
    await t.waitFor(async () => received(customer).length === 1, 'the step once open');
  });
});

describe('stops', () => {
  it('the customer’s reply stops the sequence: no further step', async () => {
    t.clock.set(new Date());
    const sequence = await createSequence({
      steps: [text(5, 'minutes', 'Primer mensaje'), text(1, 'hours', 'Segundo mensaje')],
    });
    const from = newCustomer();
    const contactId = await customerWrites(from, 'Hola');
    await enroll(sequence.id, [contactId]);
    await advance(5 * MIN);
    await t.waitFor(async () => received(from).length === 1, 'step 1');
    await customerWrites(from, 'Gracias, ya lo tengo');
    await advance(2 * HOUR);
    expect(received(from)).toEqual(['Primer mensaje']);
    const [e] = await enrollments(sequence.id);
    expect(e).toMatchObject({ status: 'stopped', stopReason: 'replied', step: 1 });
    expect((await owner('GET', `/api/sequences/${sequence.id}`)).json().counts).toMatchObject({ replied: 1 });
  });

  it('an opt-out stops it (the keyword, or a member marking the contact)', async () => {
    t.clock.set(new Date());
    const sequence = await createSequence({ steps: [text(5, 'minutes', 'Oferta')] });
    const byKeyword = newCustomer();
    const first = await customerWrites(byKeyword, 'Hola');
    const byMember = newCustomer();
    const second = await customerWrites(byMember, 'Hola');
    await enroll(sequence.id, [first, second]);
    await customerWrites(byKeyword, 'BAJA');
    const marked = await owner('PATCH', `/api/contacts/${second}`, { optIn: 'opted_out' });
    expect(marked.statusCode, marked.body).toBe(200);
    await advance(10 * MIN);
    expect(received(byMember)).toEqual([]);
    expect(received(byKeyword).filter((b) => b === 'Oferta')).toEqual([]);
    const list = await enrollments(sequence.id);
    expect(list.map((e) => [e.contact.id, e.status, e.stopReason]).sort()).toEqual(
      [
        [first, 'stopped', 'opted_out'],
        [second, 'stopped', 'opted_out'],
      ].sort(),
    );
    expect((await owner('GET', `/api/sequences/${sequence.id}`)).json().counts).toMatchObject({
      optedOut: 2,
    });
    // Opted out: not enrolled again.
    expect(await enroll(sequence.id, [second])).toEqual({ enrolled: 0, alreadyEnrolled: 0, optedOut: 1 });
  });

  it('a member cancels one enrolment', async () => {
    const sequence = await createSequence({ steps: [text(5, 'minutes', 'Nunca')] });
    const from = newCustomer();
    const contactId = await customerWrites(from, 'Hola');
    await enroll(sequence.id, [contactId]);
    const [e] = await enrollments(sequence.id);
    const url = `/api/sequences/${sequence.id}/enrollments/${e!.id}`;
    expect((await asAgent('DELETE', url)).statusCode).toBe(403);
    expect((await owner('DELETE', url)).statusCode).toBe(204);
    expect((await owner('DELETE', url)).statusCode).toBe(409);
    await advance(10 * MIN);
    expect(received(from)).toEqual([]);
    expect((await enrollments(sequence.id))[0]).toMatchObject({
      status: 'cancelled',
      stopReason: 'cancelled',
    });
  });
});

describe('the 24-hour window', () => {
  it('sends the template once the window closed, and skips a step without one, saying why', async () => {
    t.clock.set(new Date());
    const template = await approvedTemplate(t, orderUpdate());
    const sequence = await createSequence({
      steps: [
        {
          delay: { amount: 25, unit: 'hours' },
          message: { type: 'text', text: 'Texto libre (no sale fuera de la ventana)' },
          template: {
            templateId: template.id,
            values: {
              header: '860198',
              body: { first_name: '{{contact.first_name}}', order_number: '860198' },
              buttons: { '0': 'abc123' },
            },
          },
        },
        text(1, 'minutes', 'Sin plantilla'),
      ],
    });
    const from = newCustomer();
    const contactId = await customerWrites(from, 'Hola');
    await enroll(sequence.id, [contactId]);
    await advance(25 * HOUR);
    await t.waitFor(async () => received(from).length === 1, 'the template');
    expect(received(from)).toEqual([`template:${template.name}`]);
    await advance(MIN);
    expect(received(from)).toHaveLength(1);
    const [e] = await enrollments(sequence.id);
    expect(e).toMatchObject({
      status: 'finished',
      skipped: [expect.objectContaining({ step: 1, reason: 'window_closed' })],
    });
    const events = (await owner('GET', `/api/conversations/${e!.conversationId}`)).json().events;
    expect(events).toContainEqual(
      expect.objectContaining({
        to: 'skipped',
        note: 'window_closed',
        automatedBy: expect.objectContaining({ kind: 'sequence' }),
      }),
    );
  });
});

describe('enrolment', () => {
  it('enrolling twice does not duplicate: the answer says they were already in it', async () => {
    const sequence = await createSequence({});
    const contactId = await customerWrites(newCustomer(), 'Hola');
    expect(await enroll(sequence.id, [contactId])).toEqual({ enrolled: 1, alreadyEnrolled: 0, optedOut: 0 });
    expect(await enroll(sequence.id, [contactId, contactId])).toEqual({
      enrolled: 0,
      alreadyEnrolled: 1,
      optedOut: 0,
    });
    expect(await enrollments(sequence.id)).toHaveLength(1);
    expect(
      (await asAgent('POST', `/api/sequences/${sequence.id}/enrollments`, { contactIds: [contactId] }))
        .statusCode,
    ).toBe(403);
  });

  it('a rule enrols the customer who writes its keyword', async () => {
    for (const r of (await owner('GET', '/api/automation/rules')).json().rules as { id: string }[])
      await owner('PATCH', `/api/automation/rules/${r.id}`, { enabled: false });
    const sequence = await createSequence({});
    const rule = await owner('POST', '/api/automation/rules', {
      name: 'Promo',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['promo'], mode: 'contains' }],
      actions: [{ type: 'enroll_sequence', sequenceId: sequence.id }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const contactId = await customerWrites(newCustomer(), 'Quiero la promo');
    const [e] = await t.waitFor(async () => {
      const list = await enrollments(sequence.id);
      return list.length > 0 && list;
    }, 'the enrolment');
    expect(e).toMatchObject({ contact: { id: contactId }, enrolledBy: 'rule', status: 'active' });
    // A sequence of another workspace (or none) cannot be named.
    const bad = await owner('POST', '/api/automation/rules', {
      name: 'Mala',
      trigger: { type: 'message_received' },
      actions: [{ type: 'enroll_sequence', sequenceId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toContainEqual(expect.objectContaining({ path: 'actions.0.sequenceId' }));
    await owner('PATCH', `/api/automation/rules/${rule.json().id}`, { enabled: false });
  });
});

describe('validation', () => {
  it('names each field at fault', async () => {
    const draft = await templatesApi(t).create(orderUpdate(uniqueName('draft')), false);
    const foreign = await addForeignOwner(t);
    // A number of another workspace: a copy of the sandbox row under the other owner's workspace.
    const [foreignChannel] = await t.container.db.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url,
                             graph_version, access_token_enc, app_secret_enc, verify_token_enc)
       SELECT wm.workspace_id, kind, 'Otra', 'other-number', '+1 555 0100', 'other-waba', graph_base_url,
              graph_version, access_token_enc, app_secret_enc, verify_token_enc
         FROM channels, workspace_members wm WHERE channels.id = $1 AND wm.user_id = $2 RETURNING id`,
      [t.sandbox.id, foreign.userId],
    );
    const res = await owner('POST', '/api/sequences', {
      name: 'Mal',
      channelId: foreignChannel!.id,
      window: { timeZone: 'UTC', weekdays: [], from: '09:00', to: '18:00' },
      steps: [
        text(1, 'hours', 'Hola {{contacto.nombre}}'),
        { delay: { amount: 1, unit: 'days' }, template: { templateId: draft.json().id } },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('invalid_sequence');
    const paths = (res.json().error.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'channelId',
        'window.weekdays',
        'steps.0.message.text',
        'steps.1.template.templateId',
      ]),
    );
    const empty = await owner('POST', '/api/sequences', {
      name: 'Vacía',
      channelId: t.sandbox.id,
      window: { ...always, from: '09:00', to: '09:00' },
      steps: [],
    });
    expect(empty.statusCode).toBe(422);
    expect((empty.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual([
      'window.to',
      'steps',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });
const history = async (id: string) =>
  (await api('GET', `/api/conversations/${id}`))
    .json()
    .events.map((e: { kind: string; from: string; to: string; actor: unknown }) => [
      e.kind,
      e.from,
      e.to,
      e.actor,
    ]);

/** The customer writes a minute after the last change (webhook timestamps follow the test clock). */
async function writes(text: string): Promise<string> {
  t.clock.advance(60_000);
  await t.postWebhook(
    inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      from: '5215510000009',
      text,
      at: t.clock.now(),
    }),
  );
  return t.waitFor(async () => {
    const [row] = await t.container.db.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM messages WHERE text = $1',
      [text],
    );
    return row?.conversation_id;
  }, text);
}

describe('a customer reopening a conversation', () => {
  it('records "reopened" when they write to a resolved, then a snoozed conversation', async () => {
    const id = await writes('Hola');
    await api('PATCH', `/api/conversations/${id}`, { status: 'resolved' });
    await writes('Otra pregunta');
    expect((await api('GET', `/api/conversations/${id}`)).json().conversation.status).toBe('open');
    const until = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await api('PATCH', `/api/conversations/${id}`, { status: 'snoozed', snoozedUntil: until });
    await writes('¿Siguen ahí?');
    // Writing to an open conversation reopens nothing.
    await writes('Gracias');
    const lines = await history(id);
    expect(lines.filter((l: unknown[]) => l[0] === 'reopened')).toEqual([
      ['reopened', 'resolved', 'open', null],
      ['reopened', 'snoozed', 'open', null],
    ]);
    expect(lines.map((l: unknown[]) => l[0])).toEqual(['status', 'reopened', 'status', 'reopened']);
  });
});

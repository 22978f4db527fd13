import type { Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundTextWebhook, newWamid } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// WhatsApp timestamps have whole seconds: a customer who types fast sends several messages in
// one second. The thread must show them in the order they arrived, on every page.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const get = async (url: string) =>
  (await t.app.inject({ method: 'GET', url, headers: { cookie: t.cookie } })).json();

/** One webhook carrying many messages, all stamped with the same second. */
function burst(from: string, texts: string[], at: Date): string {
  const body = JSON.parse(
    inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from, text: 'x', at }),
  );
  const value = body.entry[0].changes[0].value;
  value.messages = texts.map((text) => ({ ...value.messages[0], id: newWamid(), text: { body: text } }));
  return JSON.stringify(body);
}

describe('thread order within one second', () => {
  it('keeps arrival order for messages that share a timestamp, across pages', async () => {
    const from = '5215500001111';
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const texts = Array.from({ length: 60 }, (_, i) => `mensaje ${i + 1}`);
    expect((await t.postWebhook(burst(from, texts.slice(0, 55), at))).statusCode).toBe(200);
    // A later delivery in the same second comes after the earlier one.
    for (const text of texts.slice(55)) {
      expect(
        (await t.postWebhook(inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from, text, at })))
          .statusCode,
      ).toBe(200);
      await t.waitFor(async () => {
        const list = await get('/api/conversations');
        return list.items[0]?.lastMessage?.text === text;
      }, `${text} to be stored`);
    }
    const conv = (await get('/api/conversations')).items[0];
    expect(conv.lastMessage.text).toBe('mensaje 60');

    const latest: Thread = await get(`/api/conversations/${conv.id}`);
    expect(latest.messages).toHaveLength(50);
    expect(latest.olderCursor).not.toBeNull();
    const older: Thread = await get(`/api/conversations/${conv.id}?before=${latest.olderCursor}`);
    expect(older.olderCursor).toBeNull();
    expect([...older.messages, ...latest.messages].map((m) => m.text)).toEqual(texts);
  });

  it('refuses a cursor it did not hand out', async () => {
    const conv = (await get('/api/conversations')).items[0];
    const bad = Buffer.from('2026-01-01T00:00:00.000Z|not-a-seq').toString('base64url');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/conversations/${conv.id}?before=${bad}`,
      headers: { cookie: t.cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_cursor');
  });
});

import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  seedContacts,
  templateSends,
} from './broadcast-fixtures';

// Every third template send reaches Meta but its answer is lost (connection reset): Charla cannot
// know it was sent. Meta's status webhook names the recipient (callback data) and settles it.
let lost = 0;
const losingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const body = typeof init?.body === 'string' ? init.body : '';
  if (body.includes('"template"') && ++lost % 3 === 0) {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
  }
  return res;
};

let t: TestApp;
let template: Template;
beforeAll(async () => {
  t = await createTestApp({ graphFetch: losingFetch, config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
  template = await approvedPromo(t);
  await seedContacts(t, 30, { prefix: '34611', tag: 'doubt' });
}, 60_000);
afterAll(() => t?.close());

describe('a send whose answer was lost', () => {
  it('is settled by the status webhook, never sent again', async () => {
    const api = broadcastsApi(t);
    const res = await api.create({
      name: 'Dudas',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['doubt'] } },
      variables: promoVariables({ text: 'hola' }),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(res.statusCode, res.body).toBe(201);
    const done = await api.until(res.json().id, (b) => b.status === 'completed', 'the broadcast to complete');
    expect(lost).toBeGreaterThanOrEqual(30);
    expect(done.counts).toMatchObject({ total: 30, sent: 30, queued: 0, failed: 0 });
    const sends = await templateSends(t);
    expect(sends).toHaveLength(30);
    const recipients = await api.recipients(done.id);
    expect(recipients.every((r) => r.sentAt !== null)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPendingWebhooks } from '../../src/modules/channels';
import { apiOf, openConversation } from '../harness/outbound';
import { newWamid, statusWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// Meta's status for a message and the wamid it names are written by two transactions that can
// run at the same moment (the webhook's and the sender's). Only PostgreSQL has more than one
// connection, so only there can they overlap.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('a status racing its send', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('is not lost when the wamid is stored while the webhook batch is being applied', async () => {
    const conv = await openConversation(t, '34611000001');
    const api = apiOf(t);
    const sent = (
      await api.call('POST', `/api/conversations/${conv.id}/messages`, { text: 'Enseguida' })
    ).json();
    await t.waitFor(async () => (await api.message(conv.id, sent.id))?.status === 'delivered', 'the reply');
    // From here on only this test applies webhooks, so it can step between the two writers.
    await t.container.ingestWorker.stop();
    const wamid = newWamid();
    const failed = statusWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wamid,
      status: 'failed',
      recipient: '34611000001',
      errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }],
    });
    expect((await t.postWebhook(failed)).statusCode).toBe(200);

    const { db, clock, secrets, directory } = t.container;
    await ingestPendingWebhooks({
      db,
      clock,
      secrets,
      directory,
      notify: async () => {},
      log: { error: () => {}, warn: () => {} },
      // Inside the webhook's transaction, after it looked for the message and found none: the
      // sender stores that wamid on its own connection and commits.
      onStatuses: async () => {
        await db.query('UPDATE messages SET external_id = $2 WHERE id = $1', [sent.id, wamid]);
      },
    });

    const message = await api.message(conv.id, sent.id);
    expect(message?.status).toBe('failed');
    expect(message?.error?.code).toBe(131026);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPendingReactions } from '../../src/modules/inbox';
import { apiOf, openConversation } from '../harness/outbound';
import { inboundTextWebhook, newWamid, statusWebhook } from '../harness/payloads';
import { createTestApp, ingestByHand, type TestApp } from '../harness/test-app';

// Meta's status for a message and the wamid it names are written by two transactions that can
// run at the same moment (the webhook's and the sender's). Only PostgreSQL has more than one
// connection, so only there can they overlap.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')(
  'a status or a reaction racing its send',
  () => {
    let t: TestApp;
    // Each test stops the ingest worker to step in by hand: each gets its own app.
    beforeEach(async () => {
      t = await createTestApp();
    });
    afterEach(async () => t?.close());

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

      const { db } = t.container;
      // Inside the webhook's transaction, after it looked for the message and found none: the
      // sender stores that wamid on its own connection and commits.
      await ingestByHand(t, async () => {
        await db.query('UPDATE messages SET external_id = $2 WHERE id = $1', [sent.id, wamid]);
      });

      const message = await api.message(conv.id, sent.id);
      expect(message?.status).toBe('failed');
      expect(message?.error?.code).toBe(131026);
    });

    it('keeps a reaction that arrives while its message’s wamid is being stored', async () => {
      const conv = await openConversation(t, '34611000002');
      const api = apiOf(t);
      const sent = (
        await api.call('POST', `/api/conversations/${conv.id}/messages`, { text: '¿Te gusta?' })
      ).json();
      await t.waitFor(async () => (await api.message(conv.id, sent.id))?.status === 'delivered', 'the reply');
      await t.container.ingestWorker.stop();
      // The customer reacts to a wamid Charla has not stored yet; a status in the same batch lets
      // the test step in after the reaction was kept as pending.
      const wamid = newWamid();
      const reaction = JSON.parse(
        inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from: '34611000002', text: 'x' }),
      );
      const message = reaction.entry[0].changes[0].value.messages[0];
      delete message.text;
      Object.assign(message, { type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } });
      expect((await t.postWebhook(JSON.stringify(reaction))).statusCode).toBe(200);
      const other = statusWebhook({
        phoneNumberId: t.sandbox.phoneNumberId,
        wamid: newWamid(),
        status: 'delivered',
        recipient: '34611000002',
      });
      expect((await t.postWebhook(other)).statusCode).toBe(200);

      const { db } = t.container;
      // The sender stores the wamid on its own connection and commits; it looks for pending
      // reactions then, before the webhook's transaction has committed the one above.

      await ingestByHand(t, async () => {
        await db.query('UPDATE messages SET external_id = $2 WHERE id = $1', [sent.id, wamid]);
        await applyPendingReactions(db.query, [{ channelId: t.sandbox.id, externalId: wamid }]);
      });

      const reacted = await api.message(conv.id, sent.id);
      expect(reacted?.reactions).toEqual([{ emoji: '👍', direction: 'inbound', at: expect.any(String) }]);
    });
  },
);

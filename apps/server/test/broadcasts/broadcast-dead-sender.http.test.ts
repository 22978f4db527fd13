import type { Broadcast } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileStatuses } from '../../src/modules/broadcasts/reconcile-statuses';
import { recordSentRecipients } from '../../src/modules/broadcasts/record-sent';
import { createTestApp, ingestByHand, type TestApp } from '../harness/test-app';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  seedContacts,
  templateSends,
} from './broadcast-fixtures';

// A sender that got Meta's answer starts recording it (row locked) and is killed before it
// commits, while Meta's status for that send is being ingested on another connection. The status
// must wait for the sender's fate and, when the sender's write is rolled back, record the send
// itself: otherwise the send stays "in doubt" with its status consumed, and is sent a second time
// once the grace period ends. Only PostgreSQL has a second connection to interleave.
const answers: { to: string; wamid: string }[] = [];
const answerLost: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const body = typeof init?.body === 'string' ? init.body : '';
  if (!body.includes('"template"')) return res;
  const json = (await res.json()) as { contacts?: { wa_id: string }[]; messages?: { id: string }[] };
  answers.push({ to: json.contacts![0]!.wa_id, wamid: json.messages![0]!.id });
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  });
};

describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')(
  'a sender killed while recording a send',
  () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        graphFetch: answerLost,
        config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' },
      });
    }, 60_000);
    afterAll(async () => t?.close());

    it('leaves the send to its status webhook, which waits for the lock: sent once, recorded once', async () => {
      const template = await approvedPromo(t);
      await seedContacts(t, 1, { prefix: '34655', tag: 'muerto' });
      // From here on only this test applies webhooks, so it can step between the two writers.
      await t.container.ingestWorker.stop();
      const api = broadcastsApi(t);
      const res = await api.create({
        name: 'Remitente muerto',
        channelId: t.sandbox.id,
        templateId: template.id,
        audience: { kind: 'filters', filters: { tags: ['muerto'] } },
        variables: promoVariables({ text: 'hola' }),
        scheduledAt: null,
        action: 'send_now',
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const { db, clock } = t.container;
      // Meta accepted it and its statuses are waiting to be ingested; Charla never saw the answer.
      await t.waitFor(async () => answers.length === 1, 'the send to reach the simulator');
      await t.waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM webhook_events WHERE status = 'pending' AND raw_body LIKE '%"statuses"%'`,
            )
          ).length > 0,
        'Meta to send its status',
      );
      const [recipient] = await db.query<{ id: string; state: string; wamid: string | null }>(
        'SELECT id, state, wamid FROM broadcast_recipients WHERE broadcast_id = $1',
        [id],
      );
      expect(recipient).toMatchObject({ state: 'sending', wamid: null });

      // The sender records the answer and holds its row locks until the test kills it.
      let kill!: () => void;
      const killed = new Promise<void>((resolve) => {
        kill = resolve;
      });
      let locked!: () => void;
      const holdsLocks = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const sender = db
        .transaction(async (query) => {
          await recordSentRecipients(query, [
            { recipientId: Number(recipient!.id), wamid: answers[0]!.wamid, at: clock.now() },
          ]);
          locked();
          await killed;
          throw new Error('the sender was killed before it committed');
        })
        .catch((err: Error) => err);
      await holdsLocks;

      const ingest = ingestByHand(t, reconcileStatuses);
      // A status path that skips locked rows never waits: the assertions below then show the loss.
      await t
        .waitFor(
          async () =>
            (
              await db.query(
                `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%broadcast_recipients%'`,
              )
            ).length > 0,
          'the status webhook to wait for the sender',
          5_000,
        )
        .catch(() => {});
      kill();
      expect(((await sender) as Error).message).toContain('killed');
      await ingest;

      const [after] = await db.query<{ state: string; wamid: string | null; message_id: string | null }>(
        'SELECT state, wamid, message_id FROM broadcast_recipients WHERE id = $1',
        [recipient!.id],
      );
      expect(after!.wamid).toBe(answers[0]!.wamid);
      expect(after!.message_id).not.toBeNull();
      expect(after!.state).not.toMatch(/^(sending|queued)$/);
      const b: Broadcast = await api.get(id);
      expect(b.counts).toMatchObject({ total: 1, sent: 1, queued: 0, failed: 0 });
      // One message in the customer's conversation, and one send at Meta.
      const messages = await db.query('SELECT 1 FROM messages WHERE external_id = $1', [answers[0]!.wamid]);
      expect(messages).toHaveLength(1);
      expect(await templateSends(t)).toHaveLength(1);
    });
  },
);

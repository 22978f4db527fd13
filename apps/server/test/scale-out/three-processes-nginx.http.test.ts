import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { promoVariables } from '../broadcasts/broadcast-fixtures';
import { audienceCsv, type BroadcastRig, NUMBER, startBroadcastRig } from '../broadcasts/broadcast-process';
import { freePort } from '../harness/free-port';
import { nginxBinary, startNginx } from '../harness/nginx';
import { kill9 } from '../harness/server-process';
import { type Frame, openSocket, type TestSocket } from '../presence/sockets';

// Three Charla processes on one PostgreSQL behind nginx (deploy/nginx, as docs/deploy.md sets it
// up), under mixed traffic: customers writing, a broadcast, sends through the public API, and
// agents' live sockets. One process is SIGKILLed mid-way. Nothing acknowledged may be lost,
// nothing sent twice, and every socket must come back and hear what happens next.

const RECIPIENTS = 1_500;
const CUSTOMERS = 200;
const API_SENDS = 60;
const SOCKETS = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waIdOf = (c: number) => `5215588${String(c).padStart(6, '0')}`;

let rig: BroadcastRig | null = null;
let proxy: Awaited<ReturnType<typeof startNginx>> | null = null;
const sockets: TestSocket[] = [];
let closing = false;
afterAll(async () => {
  closing = true;
  for (const s of sockets) await s.close();
  await proxy?.close();
  await rig?.close();
});

/** A socket the way the web app keeps one: opened through the proxy, opened again when it drops. */
async function liveSocket(url: string, cookie: string) {
  const state = { socket: await openSocket(url, cookie), reconnects: 0 };
  sockets.push(state.socket);
  const keep = async (): Promise<void> => {
    await state.socket.closed;
    for (; !closing; ) {
      try {
        state.socket = await openSocket(url, cookie);
        sockets.push(state.socket);
        state.reconnects++;
        return keep();
      } catch {
        await sleep(200);
      }
    }
  };
  void keep();
  return state;
}

describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres' && nginxBinary() !== null)(
  'three processes behind nginx, one killed mid-traffic',
  () => {
    it('loses nothing acknowledged, sends nothing twice, and every socket reconnects and hears what follows', async () => {
      rig = await startBroadcastRig({
        env: {
          BROADCAST_DEFAULT_RATE_PER_SECOND: '300',
          BROADCAST_LEASE_SECONDS: '2',
          BROADCAST_IN_DOUBT_GRACE_SECONDS: '10',
        },
      });
      const r = rig;
      const others = [
        await r.start(r.newDir(), await freePort()),
        await r.start(r.newDir(), await freePort()),
      ];
      const processes = [r.server, ...others];
      proxy = await startNginx(processes.map((p) => Number(new URL(p.url).port)));
      const via = proxy.url;
      // Meta's webhooks reach the proxy, as they would reach the public address.
      r.simulator.registerNumber({ ...NUMBER, webhookUrl: `${via}/webhooks/whatsapp`, throughput: 'HIGH' });

      const live = await Promise.all(Array.from({ length: SOCKETS }, () => liveSocket(via, r.cookie)));
      const key = await r.call('POST', '/api/api-keys', { name: 'Tienda', scopes: ['messages:write'] }, via);
      expect(key.status, JSON.stringify(key.json)).toBe(201);
      const bearer = (key.json as { key: string }).key;

      const template = await r.approvedTemplate();
      const uploadId = await r.uploadCsv(audienceCsv(RECIPIENTS));
      const created = await r.call(
        'POST',
        '/api/broadcasts',
        {
          name: 'Tres procesos',
          channelId: await r.channelId(),
          templateId: template.id,
          audience: { kind: 'csv', uploadId },
          variables: promoVariables(),
          scheduledAt: null,
          action: 'send_now',
        },
        via,
      );
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const broadcastId = (created.json as { id: string }).id;

      // Customers write (Meta retries whatever a dead process did not answer).
      for (let c = 0; c < CUSTOMERS; c++)
        r.simulator.sendAsCustomer({
          phoneNumberId: NUMBER.phoneNumberId,
          waId: waIdOf(c),
          text: `Pedido ${c}`,
        });

      // The API client replies to the first customers, retrying a failed request with its key.
      const apiSends = (async () => {
        const accepted: string[] = [];
        for (let i = 0; i < API_SENDS; i++) {
          const text = `Respuesta API ${i}`;
          const giveUp = Date.now() + 60_000;
          for (;;) {
            const res = await fetch(`${via}/api/v1/messages`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${bearer}`,
                'content-type': 'application/json',
                'idempotency-key': `reply-${i}`,
              },
              body: JSON.stringify({ to: `+${waIdOf(i)}`, type: 'text', text: { body: text } }),
              signal: AbortSignal.timeout(15_000),
            }).catch(() => null);
            if (res?.status === 202) {
              accepted.push(text);
              break;
            }
            const answer = res ? `${res.status} ${await res.text()}` : 'no answer';
            if (Date.now() > giveUp) {
              const diag = new pg.Client({ connectionString: r.database!.url });
              await diag.connect();
              const events = await diag.query(`SELECT status, count(*) FROM webhook_events GROUP BY 1`);
              const msgs = await diag.query(`SELECT direction, count(*) FROM messages GROUP BY 1`);
              const contacts = await diag.query(
                `SELECT phone, wa_id FROM contacts ORDER BY created_at LIMIT 3`,
              );
              await diag.end();
              throw new Error(
                `API send ${i} never accepted; last: ${answer}; events ${JSON.stringify(events.rows)}; messages ${JSON.stringify(msgs.rows)}; contacts ${JSON.stringify(contacts.rows)}; attempts ${JSON.stringify(
                  r.simulator
                    .webhookAttempts()
                    .slice(-2)
                    .map((a) => [a.status, a.url]),
                )}`,
              );
            }
            // No window yet (the customer's message is still on its way), a dead process, or the
            // key still held by the request that died: the same request again, a moment later.
            await sleep(300);
          }
        }
        return accepted;
      })();

      const progress = (what: string) => process.stderr.write(`[three processes] ${what}\n`);
      progress('traffic started');
      // A third of the way into the broadcast, kill the process that holds the number's lease.
      const db = new pg.Client({ connectionString: r.database!.url });
      await db.connect();
      let killedPid = 0;
      try {
        for (const deadline = Date.now() + 60_000; r.templateSends().length < RECIPIENTS / 3; await sleep(20))
          if (Date.now() > deadline) throw new Error('the broadcast did not start');
        const { rows } = await db.query<{ holder: string }>('SELECT holder FROM broadcast_channel_leases');
        killedPid = Number(rows[0]!.holder.split('-')[0]);
        const victim = processes.find((p) => p.child.pid === killedPid)!;
        expect(victim, `lease holder ${rows[0]!.holder}`).toBeDefined();
        await kill9(victim.child);
        progress(`killed the lease holder (pid ${killedPid}) at ${r.templateSends().length} sends`);
      } finally {
        await db.end();
      }

      const accepted = await apiSends;
      progress(`API sends accepted: ${accepted.length}`);
      for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
        const b = await r.call('GET', `/api/broadcasts/${broadcastId}`, undefined, via);
        if ((b.json as { status: string } | null)?.status === 'completed') break;
        if (Date.now() > deadline) throw new Error('the broadcast did not complete after the kill');
      }

      progress('broadcast completed');
      // Every socket is open again (the ones on the dead process reconnected through nginx) and
      // hears a customer's message that arrives now, whichever process takes it.
      const reconnected = live.filter((l) => l.reconnects > 0).length;
      expect(reconnected).toBeGreaterThan(0);
      r.simulator.sendAsCustomer({
        phoneNumberId: NUMBER.phoneNumberId,
        waId: waIdOf(CUSTOMERS),
        text: 'Después del corte',
      });
      const after = new pg.Client({ connectionString: r.database!.url });
      await after.connect();
      let messageId = '';
      try {
        for (const deadline = Date.now() + 30_000; !messageId; await sleep(100)) {
          const { rows } = await after.query<{ id: string }>(
            `SELECT id::text FROM messages WHERE text = 'Después del corte'`,
          );
          messageId = rows[0]?.id ?? '';
          if (Date.now() > deadline) throw new Error('the message after the kill was not stored');
        }
      } finally {
        await after.end();
      }
      await Promise.all(
        live.map((l, i) =>
          l.socket.next(
            (f: Frame) => f.type === 'message.created' && f.messageId === messageId,
            `socket ${i}: the message after the kill`,
            15_000,
          ),
        ),
      );

      // Nothing sent twice: each recipient once, each API reply once, and each accepted.
      const perRecipient = new Map<string, number>();
      for (const s of r.templateSends()) perRecipient.set(s.waId, (perRecipient.get(s.waId) ?? 0) + 1);
      expect(perRecipient.size).toBe(RECIPIENTS);
      expect([...perRecipient.values()].filter((n) => n > 1)).toEqual([]);
      const repliesSent = () =>
        Array.from({ length: API_SENDS }, (_, i) =>
          r.simulator
            .chat(NUMBER.phoneNumberId, waIdOf(i))
            .filter((m) => m.from === 'business')
            .map((m) => m.text ?? ''),
        ).flat();
      // A reply accepted (202) leaves when the number's lane has it: one queued on the dead
      // process leaves once another takes the lane, one caught in flight after the grace.
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250))
        if (accepted.every((t) => repliesSent().includes(t))) break;
      await sleep(12_000); // past the in-doubt grace: a reply that would go twice has gone
      const texts = repliesSent();
      for (const t of accepted)
        expect(
          texts.filter((x) => x === t),
          t,
        ).toHaveLength(1);
      expect(accepted).toHaveLength(API_SENDS);

      // Nothing acknowledged lost: every customer's message stored, once.
      const check = new pg.Client({ connectionString: r.database!.url });
      await check.connect();
      try {
        for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
          const { rows } = await check.query<{ text: string; n: string }>(
            `SELECT text, count(*)::text AS n FROM messages
              WHERE direction = 'inbound' AND text LIKE 'Pedido %' GROUP BY 1`,
          );
          if (rows.length === CUSTOMERS || Date.now() > deadline) {
            expect(rows).toHaveLength(CUSTOMERS);
            expect(rows.filter((row) => row.n !== '1')).toEqual([]);
            break;
          }
        }
      } finally {
        await check.end();
      }
      expect(killedPid).toBeGreaterThan(0);
    }, 300_000);
  },
);

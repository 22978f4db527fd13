import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { kill9 } from '../harness/server-process';
import { promoVariables } from './broadcast-fixtures';
import { audienceCsv, type BroadcastRig, NUMBER, startBroadcastRig } from './broadcast-process';

const N = 3_000;
const RATE = 200;
let rig: BroadcastRig | null = null;
afterAll(async () => {
  await rig?.close();
});

/** The busiest one-second window of a sorted list of times (ms). */
function busiestSecond(times: number[]): number {
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1_000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  return busiest;
}

// Two processes share a number only through one database: PostgreSQL (PGlite is one process).
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('two Charla processes, one number', () => {
  it('only the lease holder sends; when it dies the other finishes, each contact messaged once', async () => {
    rig = await startBroadcastRig({
      env: {
        BROADCAST_DEFAULT_RATE_PER_SECOND: String(RATE),
        BROADCAST_LEASE_SECONDS: '2',
        BROADCAST_IN_DOUBT_GRACE_SECONDS: '20',
      },
    });
    const other = await rig.start(rig.newDir(), await freePort());
    const template = await rig.approvedTemplate();
    const uploadId = await rig.uploadCsv(audienceCsv(N));
    const created = await rig.call('POST', '/api/broadcasts', {
      name: 'Dos procesos',
      channelId: await rig.channelId(),
      templateId: template.id,
      audience: { kind: 'csv', uploadId },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = (created.json as { id: string }).id;

    // A third of the way in, kill whichever process holds the number's lease.
    const db = new pg.Client({ connectionString: rig.database!.url });
    await db.connect();
    try {
      while (rig.templateSends().length < N / 3) await new Promise((r) => setTimeout(r, 20));
      const { rows } = await db.query<{ holder: string }>('SELECT holder FROM broadcast_channel_leases');
      expect(rows).toHaveLength(1);
      const holderPid = Number(rows[0]!.holder.split('-')[0]);
      const holder = [rig.server, other].find((s) => s.child.pid === holderPid);
      expect(holder, `lease holder ${rows[0]!.holder}`).toBeDefined();
      await kill9(holder!.child);
      const survivor = holder === other ? rig.server : other;
      // Meta's webhooks reach whichever process is alive (a load balancer in production).
      rig.simulator.registerNumber({
        ...NUMBER,
        webhookUrl: `${survivor.url}/webhooks/whatsapp`,
        throughput: 'HIGH',
      });

      let done = false;
      for (const deadline = Date.now() + 90_000; !done && Date.now() < deadline; ) {
        const b = await rig.call('GET', `/api/broadcasts/${id}`, undefined, survivor.url);
        done = (b.json as { status: string }).status === 'completed';
        if (!done) await new Promise((r) => setTimeout(r, 250));
      }
      expect(done).toBe(true);
      const after = await db.query<{ holder: string }>('SELECT holder FROM broadcast_channel_leases');
      // The survivor released its lease when the work was done (or still holds it): never the dead one.
      expect(after.rows.every((r) => Number(r.holder.split('-')[0]) === survivor.child.pid)).toBe(true);
    } finally {
      await db.end();
    }

    const sends = rig.templateSends();
    const perContact = new Map<string, number>();
    for (const s of sends) perContact.set(s.waId, (perContact.get(s.waId) ?? 0) + 1);
    expect(perContact.size).toBe(N);
    expect([...perContact.values()].filter((n) => n > 1)).toEqual([]);
    // Had both processes sent at once, some second would hold up to twice the pace.
    expect(busiestSecond(sends.map((s) => s.atMs).sort((a, b) => a - b))).toBeLessThanOrEqual(RATE);
  }, 180_000);
});

import { afterAll, describe, expect, it } from 'vitest';
import { soak } from '../harness/soak';
import { promoVariables } from './broadcast-fixtures';
import { audienceCsv, type BroadcastRig, startBroadcastRig } from './broadcast-process';

const N = soak(4_000, 20_000);
let rig: BroadcastRig | null = null;
afterAll(async () => {
  await rig?.close();
});

const nameVar = promoVariables();

describe('a broadcast survives SIGKILL without messaging anyone twice', () => {
  it(`${N.toLocaleString('en')} recipients, three kills at random points: exactly one send per contact`, async () => {
    rig = await startBroadcastRig({
      env: {
        BROADCAST_DEFAULT_RATE_PER_SECOND: '1000',
        BROADCAST_IN_DOUBT_GRACE_SECONDS: '20',
        BROADCAST_LEASE_SECONDS: '2',
      },
    });
    const template = await rig.approvedTemplate();
    const uploadId = await rig.uploadCsv(audienceCsv(N));
    const created = await rig.call('POST', '/api/broadcasts', {
      name: 'Rebajas',
      channelId: await rig.channelId(),
      templateId: template.id,
      audience: { kind: 'csv', uploadId },
      variables: nameVar,
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = (created.json as { id: string }).id;

    // Kill at a random point inside each third of the run, while sends are in flight.
    for (const third of [0, 1, 2]) {
      const at = Math.floor(N * (third / 3 + 0.05 + Math.random() * 0.2));
      const deadline = Date.now() + 120_000;
      while (rig.templateSends().length < at && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      const t0 = Date.now();
      await rig.restart();
      console.log(
        'restart',
        third,
        'at',
        at,
        'took',
        Date.now() - t0,
        'ms; sends',
        rig.templateSends().length,
      );
    }

    const deadline = Date.now() + 180_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await rig.broadcast(id)).status;
      if (status === 'completed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('completed');
    console.log(
      'done; sends',
      rig.templateSends().length,
      'first-last ms',
      rig.templateSends().at(-1)!.atMs - rig.templateSends()[0]!.atMs,
    );
    const sends = rig.templateSends();
    const perContact = new Map<string, number>();
    for (const s of sends) perContact.set(s.waId, (perContact.get(s.waId) ?? 0) + 1);
    expect(perContact.size).toBe(N);
    expect([...perContact.values()].filter((n) => n > 1)).toEqual([]);
    expect(sends).toHaveLength(N);
    const final = await rig.broadcast(id);
    expect(final.counts).toMatchObject({ total: N, queued: 0, failed: 0, sent: N });
  }, 400_000);
});

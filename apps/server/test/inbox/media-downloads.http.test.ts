import { randomBytes } from 'node:crypto';
import { CloudApiNetworkError } from '@charla/cloud-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudApiMediaSource, type MediaSource } from '../../src/modules/channels/whatsapp/download-media';
import { customerSendsFile } from '../harness/customer-files';
import { apiOf } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// Many customers send photos at once: Charla downloads them in parallel, a few at a time per
// number, retries what WhatsApp could not give yet and takes over files a dead process held.
// The Graph client is wrapped to count downloads under way and to fail chosen files.

const PER_NUMBER = 5;
let t: TestApp;
const active = new Map<string, number>();
let mostAtOnce = 0;
/** WhatsApp media ids whose next getMedia fails as a dropped connection would. */
const failNext = new Set<string>();
const alwaysFail = new Set<string>();

function countingSource(channel: Parameters<typeof cloudApiMediaSource>[0]): MediaSource {
  const real = cloudApiMediaSource(channel);
  return {
    async getMedia(mediaId) {
      if (alwaysFail.has(mediaId) || failNext.delete(mediaId)) {
        throw new CloudApiNetworkError('socket hang up', true);
      }
      return real.getMedia(mediaId);
    },
    async downloadMedia(url, opts) {
      const now = (active.get(channel.id) ?? 0) + 1;
      active.set(channel.id, now);
      mostAtOnce = Math.max(mostAtOnce, now);
      try {
        // Slow enough that downloads overlap: a real photo takes a moment to arrive.
        await new Promise((r) => setTimeout(r, 60));
        return await real.downloadMedia(url, opts);
      } finally {
        active.set(channel.id, (active.get(channel.id) ?? 1) - 1);
      }
    },
  };
}

beforeAll(async () => {
  t = await createTestApp({
    mediaSourceFor: countingSource,
    config: { MEDIA_DOWNLOADS_PER_NUMBER: String(PER_NUMBER) },
  });
});
afterAll(() => t?.close());

const photo = () => Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(2048)]);

const sendPhoto = (waId: string, bytes: Buffer) => customerSendsFile(t, waId, bytes);

async function mediaRow(externalId: string) {
  const [row] = await t.container.db.query<{
    id: string;
    state: string;
    error: string | null;
    download_attempts: number;
    claimed: boolean;
    wait_s: number;
    conversation_id: string;
    message_id: string;
  }>(
    `SELECT md.id, md.state, md.error, md.download_attempts, md.download_claimed_at IS NOT NULL AS claimed,
            extract(epoch FROM md.download_after - now())::float AS wait_s, m.conversation_id, md.message_id
       FROM media md JOIN messages m ON m.id = md.message_id
      WHERE md.external_id = $1`,
    [externalId],
  );
  return row;
}

/** Changes a file's row as time or another process would have, and wakes the downloads. */
async function updateMedia(externalId: string, assignments: string) {
  await t.container.db.query(`UPDATE media SET ${assignments} WHERE external_id = $1`, [externalId]);
  t.container.mediaDownloads.wake();
}

/** The file as the agent sees it in the conversation. */
async function shownMedia(externalId: string) {
  const row = (await mediaRow(externalId))!;
  const thread = await apiOf(t).thread(row.conversation_id);
  const message = thread.messages.find((m) => m.id === row.message_id)!;
  return (message.content as { media: { url: string | null; state: string; error: string | null } }).media;
}

/** Waits until the agent can open the file, and opens it. */
async function openedFile(externalId: string, what: string): Promise<Buffer> {
  const media = await t.waitFor(async () => {
    const m = await shownMedia(externalId);
    return m.state === 'ready' ? m : null;
  }, what);
  const file = await apiOf(t).call('GET', media.url!);
  expect(file.statusCode).toBe(200);
  return file.rawPayload;
}

describe('downloading customers files', () => {
  it('downloads 60 photos sent at once, in parallel but never more than the limit per number', async () => {
    const sent = Array.from({ length: 60 }, (_, i) => ({
      waId: `52155888${String(i).padStart(5, '0')}`,
      bytes: photo(),
    }));
    const externalIds = sent.map((s) => sendPhoto(s.waId, s.bytes));

    // Two a second, as one queued job per file went, 60 files would take half a minute.
    await t.waitFor(
      async () => {
        const [row] = await t.container.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM media WHERE state = 'ready' AND external_id = ANY($1::text[])`,
          [externalIds],
        );
        return row!.n === sent.length;
      },
      'all 60 photos to be downloaded',
      20_000,
    );
    expect(mostAtOnce).toBe(PER_NUMBER);

    for (const [i, s] of sent.entries()) {
      expect((await openedFile(externalIds[i]!, 'a photo')).equals(s.bytes)).toBe(true);
    }
  });

  it('retries a file WhatsApp could not give, after a wait, and then shows it', async () => {
    const bytes = photo();
    const externalId = sendPhoto('5215588899001', bytes);
    failNext.add(externalId);

    const waiting = await t.waitFor(async () => {
      const row = await mediaRow(externalId);
      return row?.download_attempts === 1 && !row.claimed ? row : null;
    }, 'the first attempt to fail');
    // The agent sees it still coming, not a failure; the next try is in about 5 seconds.
    expect(waiting).toMatchObject({ state: 'pending', error: null });
    expect(waiting.wait_s).toBeGreaterThan(4);
    expect(waiting.wait_s).toBeLessThanOrEqual(5);
    expect((await shownMedia(externalId)).state).toBe('pending');

    // The wait is over (moved in the database, whose clock every process shares).
    await updateMedia(externalId, 'download_after = now()');
    expect((await openedFile(externalId, 'the retry to download the file')).equals(bytes)).toBe(true);
    expect((await mediaRow(externalId))?.download_attempts).toBe(2);
  });

  it('after the last attempt, shows the file as failed with the reason', async () => {
    const externalId = sendPhoto('5215588899002', photo());
    alwaysFail.add(externalId);
    await t.waitFor(async () => {
      const row = await mediaRow(externalId);
      return row?.download_attempts === 1 && !row.claimed;
    }, 'a first attempt to fail');
    // Four attempts have failed; the fifth is the last.
    await updateMedia(externalId, 'download_attempts = 4, download_after = now()');
    const failed = await t.waitFor(async () => {
      const row = await mediaRow(externalId);
      return row?.state === 'failed' ? row : null;
    }, 'the file to fail');
    expect(failed.error).toBe('Could not reach WhatsApp to download this file (socket hang up).');
    expect(await shownMedia(externalId)).toMatchObject({ state: 'failed', url: null, error: failed.error });
  });

  it('takes over a file left claimed by a process that stopped, once the claim is old', async () => {
    const bytes = photo();
    const externalId = sendPhoto('5215588899003', bytes);
    await t.waitFor(async () => (await mediaRow(externalId))?.state === 'ready', 'the file to be downloaded');
    // As if another process had claimed it a minute ago and were still downloading it.
    await updateMedia(
      externalId,
      `state = 'pending', storage_key = NULL, download_claimed_at = now() - interval '1 minute'`,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await mediaRow(externalId))?.state).toBe('pending');

    // That process died: its claim grows old and this one takes the file.
    await updateMedia(externalId, `download_claimed_at = now() - interval '10 minutes'`);
    expect((await openedFile(externalId, 'the file to be downloaded again')).equals(bytes)).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage } from '../../src/platform/storage/local-disk-storage';
import type { MediaStorage } from '../../src/platform/storage/media-storage';
import { customerSendsFile } from '../harness/customer-files';
import { apiOf } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// The disk fills up while customers send files and agents upload them. A full disk cannot be made
// here without root, so the real local-disk store is wrapped to answer as the kernel does (ENOSPC)
// while `full` is set; everything else is the real Charla and the simulator.
const dir = mkdtempSync(join(tmpdir(), 'charla-disk-full-'));
let full = false;
const disk = createLocalDiskStorage(dir);
const storage: MediaStorage = {
  ...disk,
  async put(key, bytes) {
    if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return disk.put(key, bytes);
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ mediaStorage: storage });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const photo = () => Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(2048)]);

async function fileRow(externalId: string) {
  const [row] = await t.container.db.query<{
    state: string;
    download_attempts: number;
    claimed: boolean;
    conversation_id: string;
    message_id: string;
  }>(
    `SELECT md.state, md.download_attempts, md.download_claimed_at IS NOT NULL AS claimed, m.conversation_id, md.message_id
       FROM media md JOIN messages m ON m.id = md.message_id WHERE md.external_id = $1`,
    [externalId],
  );
  return row;
}

/** The message as the agent sees it in the thread: its caption and its file. */
async function shown(externalId: string) {
  const row = (await fileRow(externalId))!;
  const thread = await apiOf(t).thread(row.conversation_id);
  const message = thread.messages.find((m) => m.id === row.message_id)!;
  return message.content as {
    caption?: string | null;
    media: { url: string | null; state: string; error: string | null };
  };
}

const retryNow = async (externalId: string, attempts?: number) => {
  await t.container.db.query(
    `UPDATE media SET download_after = now()${attempts ? `, download_attempts = ${attempts}` : ''} WHERE external_id = $1`,
    [externalId],
  );
  t.container.mediaDownloads.wake();
};

describe('the disk full while storing media', () => {
  it("keeps the customer's message, retries the file and shows it once there is space again", async () => {
    full = true;
    const bytes = photo();
    const externalId = customerSendsFile(t, '5215577700001', bytes, { caption: 'Foto del pedido roto' });
    const failed = await t.waitFor(async () => {
      const row = await fileRow(externalId);
      return row?.download_attempts === 1 && !row.claimed ? row : null;
    }, 'the first attempt to fail on the full disk');
    // Nothing of the message is lost: the agent reads it, the file still coming.
    expect(failed.state).toBe('pending');
    const waiting = await shown(externalId);
    expect(waiting.caption).toBe('Foto del pedido roto');
    expect(waiting.media).toMatchObject({ state: 'pending', error: null });

    full = false;
    await retryNow(externalId);
    const ready = await t.waitFor(async () => {
      const m = (await shown(externalId)).media;
      return m.state === 'ready' ? m : null;
    }, 'the file stored on the next attempt');
    const file = await apiOf(t).call('GET', ready.url!);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
  });

  it('says the disk was full when the last attempt could not store the file either', async () => {
    full = true;
    const externalId = customerSendsFile(t, '5215577700002', photo(), { caption: 'Otra foto' });
    await t.waitFor(async () => (await fileRow(externalId))?.download_attempts === 1, 'the first attempt');
    await t.waitFor(async () => !(await fileRow(externalId))?.claimed, 'the attempt to end');
    await retryNow(externalId, 4);
    const failed = await t.waitFor(async () => {
      const m = (await shown(externalId)).media;
      return m.state === 'failed' ? m : null;
    }, 'the file marked failed');
    expect(failed.error).toBe(
      "The server's disk was full, so Charla could not store this file. Free some space on the server.",
    );
    full = false;
  });

  it("refuses an agent's upload with what to do, sends nothing, and takes it once there is space", async () => {
    full = false;
    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215577700003',
      text: 'Hola',
    });
    const conversationId = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ id: string }>(
        `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`,
        ['5215577700003'],
      );
      return row?.id;
    }, 'the conversation');
    const file = { mimeType: 'image/jpeg', bytes: photo() };
    full = true;
    const refused = await apiOf(t).upload(conversationId, file, 'factura.jpg');
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'storage_full' });
    expect(refused.body.error.message).toMatch(/disk is full.*Free some space/);
    const [stored] = await t.container.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM media WHERE conversation_id = $1 AND direction = 'outbound'`,
      [conversationId],
    );
    expect(stored?.n).toBe(0);
    full = false;
    const taken = await apiOf(t).upload(conversationId, file, 'factura.jpg');
    expect(taken.status).toBe(201);
  });
});

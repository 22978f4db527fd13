import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage } from './local-disk-storage';

const dir = mkdtempSync(join(tmpdir(), 'charla-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local disk media storage', () => {
  const storage = createLocalDiskStorage(dir);

  it('stores, streams back and deletes bytes by key', async () => {
    await storage.put('ws-1/file-1', new TextEncoder().encode('hola'));
    const got = await storage.get('ws-1/file-1');
    expect(got?.size).toBe(4);
    expect(await text(got!.stream)).toBe('hola');
    await storage.delete('ws-1/file-1');
    expect(await storage.get('ws-1/file-1')).toBeNull();
    await storage.delete('ws-1/file-1');
  });

  it('refuses keys that would leave its folder', async () => {
    await expect(storage.put('../escape', new Uint8Array(1))).rejects.toThrow(/key/);
    await expect(storage.get('/etc/passwd')).rejects.toThrow(/key/);
  });
});

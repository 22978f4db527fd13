import { CloudApiError } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientFixture, FILES, readJson, startClientFixture } from './test-support/client-fixture';
import { NUMBER } from './test-support/sandbox-fixture';

let f: ClientFixture;
beforeEach(async () => {
  f = await startClientFixture();
});
afterEach(() => f.close());

const KB = 1024;

function upload(bytes: Uint8Array, mimeType: string, filename = 'file') {
  return f.client.uploadMedia(NUMBER.phoneNumberId, { bytes, mimeType, filename }).catch((error: unknown) => {
    if (error instanceof CloudApiError) return error;
    throw error;
  });
}

describe('POST /{phone-number-id}/media', () => {
  it('stores an upload: GET gives its URL and the download returns the same bytes', async () => {
    const result = await upload(FILES.png.bytes, 'image/png', 'menu.png');
    if (result instanceof CloudApiError) throw result;
    expect(result.id).toMatch(/^\d{16}$/);
    const info = await f.client.getMedia(result.id);
    expect(info).toMatchObject({
      mime_type: 'image/png',
      file_size: FILES.png.bytes.byteLength,
      id: result.id,
    });
    const downloaded = await f.client.downloadMedia(info.url);
    expect(Buffer.from(downloaded.bytes).equals(FILES.png.bytes)).toBe(true);
  });

  it.each<[string, Uint8Array, string, number, string]>([
    [
      'a type WhatsApp does not take',
      new Uint8Array(10),
      'application/zip',
      100,
      "Received file of type 'application/zip'",
    ],
    [
      'an image over 5 MB',
      new Uint8Array(5 * 1024 * KB + 1),
      'image/jpeg',
      131053,
      'at most 5242880 bytes (5 MB) for image',
    ],
    ['a static sticker over 100 KB', new Uint8Array(101 * KB), 'image/webp', 131053, 'for static sticker'],
    ['an empty file', new Uint8Array(0), 'text/plain', 131053, 'empty'],
  ])('refuses %s with 400 and a clear message', async (_label, bytes, mimeType, code, details) => {
    const error = await upload(bytes, mimeType);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ httpStatus: 400, code });
    expect((error as CloudApiError).details).toContain(details);
  });

  it('requires messaging_product and a file, and the owner’s token', async () => {
    const post = (form: FormData, token = NUMBER.accessToken) =>
      fetch(`${f.baseUrl}/v25.0/${NUMBER.phoneNumberId}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    const noProduct = new FormData();
    noProduct.append('file', new Blob([FILES.png.bytes], { type: 'image/png' }), 'a.png');
    expect((await readJson(await post(noProduct))).error.code).toBe(100);
    const noFile = new FormData();
    noFile.append('messaging_product', 'whatsapp');
    expect((await readJson(await post(noFile))).error.code).toBe(131008);
    expect((await post(noFile, 'nope')).status).toBe(401);
  });
});

describe('DELETE /{media-id}', () => {
  it('deletes the file; afterwards GET and sending it fail', async () => {
    const result = await upload(FILES.png.bytes, 'image/png');
    if (result instanceof CloudApiError) throw result;
    await expect(f.client.deleteMedia(result.id)).resolves.toEqual({ success: true });
    await expect(f.client.getMedia(result.id)).rejects.toMatchObject({ httpStatus: 404 });
    await expect(f.client.deleteMedia(result.id)).rejects.toMatchObject({ httpStatus: 400, code: 100 });
    f.openWindow();
    await expect(
      f.client.sendMessage(NUMBER.phoneNumberId, {
        messaging_product: 'whatsapp',
        to: '+5215512345678',
        type: 'image',
        image: { id: result.id },
      }),
    ).rejects.toMatchObject({ code: 131009 });
  });
});

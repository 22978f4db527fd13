import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, FILES, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// A browser (or a script) labels a file with any type it likes: the bytes must agree, or the file
// is refused before anything is stored, with both types named.
let t: TestApp;
let conversationId: string;
beforeAll(async () => {
  t = await createTestApp();
  conversationId = (await openConversation(t, '5215533330001')).id;
});
afterAll(() => t?.close());

const html = Buffer.from('<!doctype html><html><body><script>fetch("/api/me")</script></body></html>');
const storedFiles = async () =>
  Number((await t.container.db.query<{ n: string }>('SELECT count(*) AS n FROM media'))[0]!.n);

describe('an upload whose bytes are not what its type says', () => {
  it.each([
    ['image/png', 'foto.png', 'PNG image'],
    ['video/mp4', 'video.mp4', 'MP4 video'],
    ['application/pdf', 'factura.pdf', 'PDF document'],
  ])(
    'HTML sent as %s is refused with 422 naming both types, and nothing is stored',
    async (mimeType, filename, name) => {
      const before = await storedFiles();
      const res = await apiOf(t).upload(conversationId, { mimeType, bytes: html }, filename);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('media_type_mismatch');
      expect(res.body.error.message).toBe(
        `The file says it is ${mimeType} but its bytes are an HTML document (text/html): upload a real ${name}, or pick the file again.`,
      );
      expect(await storedFiles()).toBe(before);
    },
  );

  it('refuses HTML sent as plain text and a header sample whose bytes are not an image; real files pass', async () => {
    const text = await apiOf(t).upload(conversationId, { mimeType: 'text/plain', bytes: html }, 'nota.txt');
    expect(text.status).toBe(422);
    expect(text.body.error.message).toMatch(/text\/plain but its bytes are an HTML document \(text\/html\)/);
    const sample = await apiOf(t).uploadWorkspaceFile(
      'image',
      { mimeType: 'image/png', bytes: html },
      'muestra.png',
    );
    expect(sample.status).toBe(422);
    expect(sample.body.error.code).toBe('media_type_mismatch');
    // Real files of every kind still go through.
    for (const [file, name] of [
      [FILES.png, 'menu.png'],
      [FILES.pdf, 'carta.pdf'],
      [FILES.mp4, 'clip.mp4'],
      [FILES.mp3, 'jingle.mp3'],
      [FILES.webp, 'gracias.webp'],
      [{ mimeType: 'text/plain', bytes: Buffer.from('Pedido 123: 2 camisas < 100 €\n') }, 'pedido.txt'],
    ] as const) {
      const res = await apiOf(t).upload(conversationId, file, name);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
    }
  });
});

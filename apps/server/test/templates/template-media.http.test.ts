import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember } from '../harness/members';
import { FILES, type UploadAnswer } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { orderUpdate, templatesApi, uniqueName } from './template-fixtures';

let t: TestApp;
let cookies: { admin: string; agent: string; foreign: string };

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  const [admin, agent, foreign] = [
    await addMember(t, 'admin', 'Beto Admin'),
    await addMember(t, 'agent', 'Carla Agent'),
    await addForeignOwner(t),
  ];
  cookies = { admin: admin.cookie, agent: agent.cookie, foreign: foreign.cookie };
});
afterAll(() => t?.close());

/** Multipart over real HTTP, as the template editor uploads a header's sample. */
async function uploadSample(
  file: { mimeType: string; bytes: Uint8Array },
  filename: string,
  kind: 'image' | 'video' | 'document' | null,
  cookie = t.cookie,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), filename);
  const res = await fetch(`${t.baseUrl}/api/media${kind ? `?kind=${kind}` : ''}`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer & { error: { fields?: unknown } } };
}

const storedFiles = async () => (await t.container.db.query('SELECT id FROM media')).length;
const getFile = (id: string, cookie: string) =>
  t.app.inject({ method: 'GET', url: `/api/media/${id}`, headers: { cookie } });

const withImageHeader = (exampleMediaId: string) => ({
  ...orderUpdate(uniqueName('menu_del_dia')),
  header: { format: 'image' as const, exampleMediaId },
});

describe('a header sample uploaded for the workspace', () => {
  it('goes to review with the template, and Meta approves the image header', async () => {
    const uploaded = await uploadSample(FILES.png, 'menu.png', 'image');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toEqual({
      id: expect.any(String),
      kind: 'image',
      mimeType: 'image/png',
      size: FILES.png.bytes.length,
      filename: 'menu.png',
    });

    const api = templatesApi(t);
    const created = await api.create(withImageHeader(uploaded.body.id), true);
    expect(created.statusCode, created.body).toBe(201);
    const approved: Template = await api.until(created.json().id, 'approved');
    expect(approved.header).toEqual({ format: 'image', exampleMediaId: uploaded.body.id });

    const atMeta = t.simulator.templates(t.sandbox.wabaId).find((x) => x.id === approved.externalId);
    const components = (atMeta?.components ?? []) as { type: string }[];
    const header = components.find((c) => c.type === 'HEADER');
    expect(header).toMatchObject({
      format: 'IMAGE',
      example: { header_handle: [expect.stringMatching(/^4::/)] },
    });
  });

  it('is served to every member of the workspace, agents included, and to no other workspace', async () => {
    const uploaded = await uploadSample(FILES.pdf, 'carta.pdf', 'document', cookies.admin);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    for (const cookie of [t.cookie, cookies.admin, cookies.agent]) {
      const res = await getFile(uploaded.body.id, cookie);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload).toEqual(FILES.pdf.bytes);
    }
    const foreign = await getFile(uploaded.body.id, cookies.foreign);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('media_not_found');
  });

  it('refuses an agent: only those who manage templates upload samples', async () => {
    const before = await storedFiles();
    const res = await uploadSample(FILES.png, 'menu.png', 'image', cookies.agent);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/owner or an admin/);
    expect(await storedFiles()).toBe(before);
  });
});

describe('what a header sample may not be (refused before anything is stored)', () => {
  it('a PDF picked for an image header, or a file type Meta does not review', async () => {
    const before = await storedFiles();
    const pdf = await uploadSample(FILES.pdf, 'carta.pdf', 'image');
    expect(pdf.status).toBe(422);
    expect(pdf.body.error.code).toBe('media_type_not_accepted');
    expect(pdf.body.error.message).toMatch(/image\/jpeg or image\/png, not application\/pdf/);
    expect(pdf.body.error.fields).toEqual([{ path: 'file', message: pdf.body.error.message }]);

    const text = await uploadSample(
      { mimeType: 'text/plain', bytes: Buffer.from('hola') },
      'nota.txt',
      'document',
    );
    expect(text.status).toBe(422);
    expect(text.body.error.message).toMatch(/only as application\/pdf, not text\/plain/);

    const voice = await uploadSample(FILES.mp3, 'audio.mp3', null);
    expect(voice.status).toBe(422);
    expect(voice.body.error.message).toMatch(/cannot be audio; use an image, a video or a document/);
    expect(await storedFiles()).toBe(before);
  });

  it('an image over 5 MB, naming the limit', async () => {
    const before = await storedFiles();
    const big = Buffer.concat([FILES.png.bytes, Buffer.alloc(5 * 1024 * 1024)]);
    const res = await uploadSample({ mimeType: 'image/png', bytes: big }, 'enorme.png', 'image');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('media_too_large');
    expect(res.body.error.message).toMatch(/image is too big; WhatsApp accepts at most .*\(5 MB\)/);
    expect(await storedFiles()).toBe(before);
  });

  it('at submit: a sample of another kind than the header, or of another workspace', async () => {
    const api = templatesApi(t);
    const pdf = await uploadSample(FILES.pdf, 'carta.pdf', 'document');
    const mismatched = await api.create(withImageHeader(pdf.body.id), true);
    expect(mismatched.statusCode).toBe(422);
    expect(mismatched.json().error.fields).toEqual([
      {
        path: 'header.exampleMediaId',
        message:
          "The header is an image, but its sample is application/pdf; upload a sample of the header's kind.",
      },
    ]);

    const theirs = await uploadSample(FILES.png, 'suyo.png', 'image', cookies.foreign);
    expect(theirs.status).toBe(201);
    const foreignSample = await api.create(withImageHeader(theirs.body.id), true);
    expect(foreignSample.statusCode).toBe(422);
    expect(foreignSample.json().error.fields).toEqual([
      { path: 'header.exampleMediaId', message: 'The file does not exist; upload it again' },
    ]);
  });
});

import { CharlaApiError, createCharlaClient } from '@charla/client';
import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { FILES, openConversation, type UploadAnswer } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { orderUpdate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let foreign: ReturnType<typeof v1Of>;
let key: string;

/** A multipart upload over real HTTP, as an integration sends it. */
async function upload(
  file: { mimeType: string; bytes: Uint8Array },
  filename: string,
  headers: Record<string, string> = {},
  as = key,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), filename);
  const res = await fetch(`${t.baseUrl}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${as}`, ...headers },
    body: form,
  });
  const body = (await res.json()) as UploadAnswer & {
    channelId: string;
    error: { fields: { path: string }[]; details: Record<string, string> };
  };
  return { status: res.status, headers: res.headers, body };
}

beforeAll(async () => {
  // WhatsApp reviews only when the test says so: the template is seen pending first.
  t = await createTestApp({ simulator: { templateReviewMs: 600_000 } });
  key = (await makeKey(t, ['templates:write', 'media:write', 'messages:write'])).key;
  v1 = v1Of(t, key);
  const other = await addForeignOwner(t);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/api-keys',
    headers: { cookie: other.cookie },
    payload: { name: 'Otra', scopes: ['templates:write', 'media:write'] },
  });
  foreign = v1Of(t, res.json().key);
});
afterAll(() => t?.close());

const templateBody = orderUpdate();

describe('templates with a key', () => {
  it('are made and submitted: pending at first, approved once WhatsApp reviews them', async () => {
    const draft = { ...templateBody, name: `api_${Date.now()}` };
    const res = await v1('POST', '/api/v1/templates', draft, { 'idempotency-key': 'tpl-1' });
    expect(res.statusCode, res.body).toBe(201);
    const made: Template = res.json();
    expect(made).toMatchObject({ name: draft.name, status: 'pending', wabaId: t.sandbox.wabaId });
    expect(t.simulator.templates(t.sandbox.wabaId).map((x) => x.name)).toContain(draft.name);

    const again = await v1('POST', '/api/v1/templates', draft, { 'idempotency-key': 'tpl-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(made.id);
    expect(t.simulator.templates(t.sandbox.wabaId).filter((x) => x.name === draft.name)).toHaveLength(1);

    t.simulator.reviewTemplate(made.externalId!);
    const approved = await t.waitFor(async () => {
      const one: Template = (await v1('GET', `/api/v1/templates/${made.id}`)).json();
      return one.status === 'approved' && one;
    }, 'the template to be approved');
    expect(approved.rejection).toBeNull();
  });

  it("names every field that breaks WhatsApp's rules, and a missing one as 400", async () => {
    const bad = await v1('POST', '/api/v1/templates', {
      ...templateBody,
      name: 'Pedido Listo',
      footer: 'x'.repeat(61),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('invalid_template');
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'footer']));

    const { body: _body, category: _category, ...missing } = templateBody;
    const incomplete = await v1('POST', '/api/v1/templates', missing);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['body', 'category']),
    );
  });

  it('are deleted in Charla and at WhatsApp; another workspace’s key sees none of them', async () => {
    const made: Template = (
      await v1('POST', '/api/v1/templates', { ...templateBody, name: `api_del_${Date.now()}` })
    ).json();
    expect((await foreign('DELETE', `/api/v1/templates/${made.id}`)).statusCode).toBe(404);
    const deleted = await v1('DELETE', `/api/v1/templates/${made.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await v1('GET', `/api/v1/templates/${made.id}`)).statusCode).toBe(404);
    expect(t.simulator.templates(t.sandbox.wabaId).map((x) => x.name)).not.toContain(made.name);
  });

  it('need templates:write', async () => {
    const reader = v1Of(t, (await makeKey(t, ['templates:read'])).key);
    const res = await reader('POST', '/api/v1/templates', { ...templateBody, name: 'no_scope' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.scope).toBe('templates:write');
    expect(
      (await reader('DELETE', '/api/v1/templates/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(403);
  });
});

describe('files with a key', () => {
  // Over 1 MB: more than a JSON body may be, well within a document's 100 MB.
  const pdf = {
    mimeType: 'application/pdf',
    bytes: Buffer.concat([
      FILES.pdf.bytes.subarray(0, 9),
      Buffer.alloc(1_500_000, 'a'),
      Buffer.from('%%EOF\n'),
    ]),
  };

  it('an uploaded file is sent by its id, and reaches the customer and downloads byte for byte', async () => {
    await openConversation(t, '5215580001001', 'Hola, ¿me pasas el catálogo?');
    const up = await upload(pdf, 'catálogo otoño.pdf', { 'idempotency-key': 'upload-1' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      kind: 'document',
      mimeType: 'application/pdf',
      size: pdf.bytes.length,
      filename: 'catálogo otoño.pdf',
      channelId: t.sandbox.id,
    });
    const retry = await upload(pdf, 'catálogo otoño.pdf', { 'idempotency-key': 'upload-1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(up.body.id);

    const sent = await v1('POST', '/api/v1/messages', {
      to: '+5215580001001',
      type: 'document',
      document: { id: up.body.id, caption: 'Catálogo de otoño' },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const received = await t.waitFor(
      async () =>
        t.simulator
          .chat(t.sandbox.phoneNumberId, '5215580001001')
          .find((m) => m.type === 'document' && m.mediaId),
      'the document at the customer',
    );
    const atPhone = await fetch(`${t.simulatorUrl}/_sim/media/${received.mediaId}/file`);
    expect(Buffer.from(await atPhone.arrayBuffer()).equals(pdf.bytes)).toBe(true);

    const down = await v1('GET', `/api/v1/media/${up.body.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''cat%C3%A1logo%20oto%C3%B1o.pdf");
    expect(down.rawPayload.equals(pdf.bytes)).toBe(true);
  });

  it('refuses what WhatsApp would refuse, saying why, and keeps nothing', async () => {
    const exe = await upload({ mimeType: 'application/x-msdownload', bytes: Buffer.from('MZ') }, 'setup.exe');
    expect(exe.status).toBe(422);
    expect(exe.body.error.code).toBe('media_type_not_accepted');
    expect(exe.body.error.fields[0]?.path).toBe('file');

    const bigImage = {
      mimeType: 'image/png',
      bytes: Buffer.concat([FILES.png.bytes, Buffer.alloc(6 * 1024 * 1024)]),
    };
    const tooBig = await upload(bigImage, 'foto.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('media_too_large');

    const lying = await upload({ mimeType: 'image/png', bytes: FILES.pdf.bytes }, 'foto.png');
    expect(lying.status).toBe(422);
    expect(lying.body.error.code).toBe('media_type_mismatch');

    const json = await v1('POST', '/api/v1/media', { file: 'aGVsbG8=' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('multipart_required');
  });

  it('need media scopes, and another workspace’s file is not found', async () => {
    const readOnly = (await makeKey(t, ['media:read'])).key;
    const denied = await upload(FILES.png, 'foto.png', {}, readOnly);
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.scope).toBe('media:write');
    const mine = await upload(FILES.png, 'foto.png');
    expect((await v1Of(t, readOnly)('GET', `/api/v1/media/${mine.body.id}`)).statusCode).toBe(200);
    expect((await foreign('GET', `/api/v1/media/${mine.body.id}`)).statusCode).toBe(404);
    const noScope = v1Of(t, (await makeKey(t, ['messages:read'])).key);
    expect((await noScope('GET', `/api/v1/media/${mine.body.id}`)).statusCode).toBe(403);
  });

  it('the typed client uploads a Blob and downloads the same bytes, and throws the API’s error', async () => {
    const charla = createCharlaClient({ baseUrl: t.baseUrl, apiKey: key });
    const up = await charla.media.upload(new Blob([new Uint8Array(FILES.png.bytes)], { type: 'image/png' }), {
      filename: 'logo.png',
      idempotencyKey: 'client-upload-1',
    });
    expect(up).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      filename: 'logo.png',
      channelId: t.sandbox.id,
    });
    const down = await charla.media.download(up.id);
    expect(down.contentType).toBe('image/png');
    expect(Buffer.from(down.bytes).equals(FILES.png.bytes)).toBe(true);
    const error = await charla.media
      .upload(new Blob(['MZ'], { type: 'application/x-msdownload' }), { filename: 'setup.exe' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CharlaApiError);
    expect(error).toMatchObject({ status: 422, code: 'media_type_not_accepted' });
    const missing = await charla.media.download('00000000-0000-4000-8000-000000000000').catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'media_not_found' });
  });

  it('are documented as a multipart form in and bytes out', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const form = doc.paths['/api/v1/media'].post.requestBody.content['multipart/form-data'].schema;
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    const bytes = doc.paths['/api/v1/media/{id}'].get.responses['200'].content;
    expect(Object.keys(bytes)).toEqual(['application/octet-stream']);
    expect(doc.paths['/api/v1/templates/{id}'].delete.responses['204'].content).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeUnstartedImports } from '../../src/modules/contacts';
import { purgeUnusedUploads, UNUSED_UPLOAD_DAYS } from '../../src/modules/inbox';
import { approvedPromo, broadcastsApi, promo, promoVariables } from '../broadcasts/broadcast-fixtures';
import { apiOf, FILES, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const served = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/media/${id}`, headers: { cookie: t.cookie } })).statusCode;
async function storageKeyOf(id: string): Promise<string> {
  const [row] = await t.container.db.query<{ storage_key: string }>(
    'SELECT storage_key FROM media WHERE id = $1',
    [id],
  );
  return row!.storage_key;
}

describe('uploads nobody used', () => {
  it(`are deleted after ${UNUSED_UPLOAD_DAYS} days, bytes and all; what a message, template or broadcast uses stays`, async () => {
    const api = apiOf(t);
    const conv = await openConversation(t, '34611200300');
    const upload = async (file: { mimeType: string; bytes: Uint8Array }, name: string) => {
      const res = await api.upload(conv.id, file, name);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };
    const workspaceFile = async (name: string) => {
      const res = await api.uploadWorkspaceFile('image', FILES.png, name);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };

    // An attachment taken off the composer, and one that was sent.
    const removedAttachment = await upload(FILES.pdf, 'presupuesto-viejo.pdf');
    const sentAttachment = await upload(FILES.png, 'menu.png');
    const sent = await api.call('POST', `/api/conversations/${conv.id}/messages`, {
      type: 'media',
      mediaId: sentAttachment,
    });
    expect(sent.statusCode, sent.body).toBe(202);

    // A template's header sample, a broadcast draft's file, a file whose draft was deleted, a file never used.
    const sample = await workspaceFile('muestra.png');
    const template = await approvedPromo(t, {
      ...promo(),
      header: { format: 'image', exampleMediaId: sample },
    });
    const draftFile = await workspaceFile('rebajas.png');
    const deletedDraftFile = await workspaceFile('borrador.png');
    const draft = (file: string, name: string) =>
      broadcastsApi(t).create({
        name,
        channelId: t.sandbox.id,
        templateId: template.id,
        audience: { kind: 'filters', filters: { tags: ['nadie'] } },
        variables: promoVariables({ headerMediaId: file }),
        scheduledAt: null,
        action: 'draft',
      });
    const kept = await draft(draftFile, 'Rebajas');
    expect(kept.statusCode, kept.body).toBe(201);
    const dropped = await draft(deletedDraftFile, 'Borrador');
    expect(dropped.statusCode, dropped.body).toBe(201);
    const deleted = await broadcastsApi(t).call('DELETE', `/api/broadcasts/${dropped.json().id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const neverUsed = await workspaceFile('sin-usar.png');

    // Nothing is old enough yet.
    expect(await purgeUnusedUploads(t.container.inbox)).toEqual({ deleted: 0, bytes: 0 });

    t.clock.advance((UNUSED_UPLOAD_DAYS + 1) * DAY);
    const fresh = await workspaceFile('recien-subido.png');
    const unused = [removedAttachment, deletedDraftFile, neverUsed];
    const used = [sentAttachment, sample, draftFile, fresh];
    const keys = new Map<string, string>();
    for (const id of [...unused, ...used]) {
      keys.set(id, await storageKeyOf(id));
      expect(await t.container.inbox.media.size(keys.get(id)!)).toBeGreaterThan(0);
    }

    expect(await purgeUnusedUploads(t.container.inbox)).toEqual({
      deleted: 3,
      bytes: FILES.pdf.bytes.length + 2 * FILES.png.bytes.length,
    });
    for (const id of unused) {
      expect(await served(id), id).toBe(404);
      expect(await t.container.inbox.media.size(keys.get(id)!)).toBeNull();
    }
    const [{ n }] = (await t.container.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM media WHERE id = ANY($1::uuid[])',
      [unused],
    )) as [{ n: number }];
    expect(n).toBe(0);
    for (const id of used) expect(await served(id), id).toBe(200);

    // A second run finds nothing more.
    expect(await purgeUnusedUploads(t.container.inbox)).toEqual({ deleted: 0, bytes: 0 });
  });
});

describe('contact imports previewed and never started', () => {
  it(`are deleted after ${UNUSED_UPLOAD_DAYS} days with their file; one that ran stays`, async () => {
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });
    const preview = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/contacts/imports',
        headers: { cookie: t.cookie, 'content-type': 'text/csv', 'x-filename': 'clientes.csv' },
        payload: 'Teléfono,Nombre\n+34 612 300 400,Marta\n',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const abandoned = await preview();
    const ran = await preview();
    const started = await call('POST', `/api/contacts/imports/${ran}/start`, {
      mapping: { phone: 'Teléfono', name: 'Nombre', attributes: {} },
      defaultCountry: 'es',
    });
    expect(started.statusCode, started.body).toBe(202);
    await t.waitFor(
      async () => (await call('GET', `/api/contacts/imports/${ran}`)).json().status === 'done',
      'the import to finish',
    );

    expect(await purgeUnstartedImports(t.container.contacts)).toBe(0);
    t.clock.advance((UNUSED_UPLOAD_DAYS + 1) * DAY);
    expect(await purgeUnstartedImports(t.container.contacts)).toBe(1);
    expect((await call('GET', `/api/contacts/imports/${abandoned}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/contacts/imports/${ran}`)).json()).toMatchObject({ status: 'done' });
  });
});

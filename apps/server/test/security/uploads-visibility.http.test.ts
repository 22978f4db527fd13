import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { FILES } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// A file attached to a reply and not sent yet belongs to its conversation: an agent the workspace
// limits to their own conversations may not read the files attached to the others.
let t: TestApp;
let admin: Member;
let agent: Member;
let hidden: string;
let mine: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  hidden = await customerWrites(t, '5215544440001', 'Hola, mi factura');
  mine = await customerWrites(t, '5215544440002', 'Hola, soy de Carla');
  const owner = { cookie: t.cookie };
  await t.app.inject({
    method: 'POST',
    url: `/api/conversations/${mine}/assign`,
    headers: owner,
    payload: { assigneeUserId: agent.userId },
  });
  await t.app.inject({
    method: 'PATCH',
    url: '/api/workspace/settings',
    headers: owner,
    payload: { conversationVisibility: 'assigned' },
  });
});
afterAll(() => t?.close());

async function upload(cookie: string, conversationId: string): Promise<string> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(FILES.pdf.bytes)], { type: 'application/pdf' }),
    'factura.pdf',
  );
  const res = await fetch(`${t.baseUrl}/api/conversations/${conversationId}/media`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const read = (cookie: string, mediaId: string) =>
  t.app.inject({ method: 'GET', url: `/api/media/${mediaId}`, headers: { cookie } });

describe('unsent uploads', () => {
  it('an agent cannot read a file attached to a conversation hidden from them; owner and admin can', async () => {
    const mediaId = await upload(t.cookie, hidden);
    const denied = await read(agent.cookie, mediaId);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect(denied.body).not.toContain('%PDF');
    expect((await read(t.cookie, mediaId)).statusCode).toBe(200);
    expect((await read(admin.cookie, mediaId)).statusCode).toBe(200);
  });

  it('the agent reads the files of their own conversations, and of one once it is assigned to them', async () => {
    const own = await upload(agent.cookie, mine);
    expect((await read(agent.cookie, own)).body).toBe(FILES.pdf.bytes.toString());
    const later = await upload(admin.cookie, hidden);
    expect((await read(agent.cookie, later)).statusCode).toBe(403);
    await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${hidden}/assign`,
      headers: { cookie: t.cookie },
      payload: { assigneeUserId: agent.userId },
    });
    expect((await read(agent.cookie, later)).statusCode).toBe(200);
  });

  it('a file attached to one conversation cannot be sent in another, even by its uploader', async () => {
    const other = await customerWrites(t, '5215544440003', 'Hola, otra conversación');
    const mediaId = await upload(t.cookie, other);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${mine}/messages`,
      headers: { cookie: t.cookie },
      payload: { type: 'media', mediaId },
    });
    expect(elsewhere.statusCode).toBe(404);
    const here = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${other}/messages`,
      headers: { cookie: t.cookie },
      payload: { type: 'media', mediaId },
    });
    expect(here.statusCode).toBe(202);
  });
});

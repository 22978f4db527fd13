import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/audit';
import { addForeignOwner, addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let admin: Member;
let agent: Member;
let foreign: Member;
let ownerId: string;
let workspaceId: string;

beforeAll(async () => {
  // Connecting a number checks it with Meta: here the simulator plays Meta.
  t = await createTestApp({ config: ({ simulatorUrl }) => ({ GRAPH_API_BASE_URL: simulatorUrl }) });
  admin = await addMember(t, 'admin', 'Luis Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  foreign = await addForeignOwner(t);
  const [owner] = await t.container.db.query<{ user_id: string; workspace_id: string }>(
    `SELECT m.user_id, m.workspace_id FROM workspace_members m JOIN users u ON u.id = m.user_id
      WHERE u.email = 'ana@example.com'`,
  );
  ownerId = owner!.user_id;
  workspaceId = owner!.workspace_id;
});
afterAll(() => t?.close());

const get = (url: string, cookie = t.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

interface Line {
  id: string;
  at: string;
  action: string;
  actor: { id: string | null; name: string | null };
  target: { type: string | null; id: string | null; label: string | null };
  ip: string | null;
  details: Record<string, unknown>;
}
const lines = async (query = ''): Promise<Line[]> => {
  const res = await get(`/api/audit-log${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe('the activity log', () => {
  it('records a number connected, with who and from where, and no token or app secret anywhere', async () => {
    const n = {
      phoneNumberId: `10${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      wabaId: `20${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
      appSecret: randomBytes(16).toString('hex'),
    };
    t.simulator.registerNumber({
      ...n,
      displayPhoneNumber: '15551230001',
      verifiedName: 'Tienda Luna',
      webhookUrl: `${t.baseUrl}/webhooks/whatsapp`,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { cookie: admin.cookie, 'x-forwarded-for': '203.0.113.9' },
      payload: n,
    });
    expect(res.statusCode, res.body).toBe(200);

    const [line] = await lines('?action=channel.connected');
    expect(line).toMatchObject({
      action: 'channel.connected',
      actor: { id: admin.userId, name: 'Luis Admin' },
      target: { type: 'channel', id: res.json().id },
      details: { phoneNumberId: n.phoneNumberId, wabaId: n.wabaId, reconnected: false },
    });
    expect(line!.ip).toBeTruthy();

    const everything = await t.container.db.query<{ row: string }>(
      'SELECT audit_log::text AS row FROM audit_log',
    );
    const text = everything.map((r) => r.row).join('\n');
    expect(text).toContain(n.phoneNumberId);
    expect(text).not.toContain(n.accessToken);
    expect(text).not.toContain(n.appSecret);
    const csv = (await get('/api/audit-log/export')).body;
    expect(csv).not.toContain(n.accessToken);
    expect(csv).not.toContain(n.appSecret);
  });

  it('records a sandbox number added, with no secret of it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/channels/sandbox',
      headers: { cookie: t.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [line] = await lines('?action=channel.connected');
    expect(line).toMatchObject({
      actor: { id: ownerId, name: 'Ana Owner' },
      target: { type: 'channel', id: res.json().id },
      details: { sandbox: true },
    });
    const sandbox = (await t.container.directory.all()).find((c) => c.id === res.json().id)!;
    const text = await t.container.db.query<{ row: string }>('SELECT audit_log::text AS row FROM audit_log');
    expect(text.map((r) => r.row).join('\n')).not.toContain(sandbox.appSecret);
    expect(text.map((r) => r.row).join('\n')).not.toContain(sandbox.accessToken);
  });

  it('records a settings change with each field from what to what', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: admin.cookie },
      payload: { conversationVisibility: 'assigned', optOutKeywords: ['BAJA', 'STOP'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [line] = await lines('?action=settings.changed');
    expect(line).toMatchObject({
      actor: { id: admin.userId, name: 'Luis Admin' },
      details: {
        area: 'workspace',
        changes: {
          conversationVisibility: { from: 'all', to: 'assigned' },
          optOutKeywords: { to: ['BAJA', 'STOP'] },
        },
      },
    });
    // Saving the same values again changes nothing, and says nothing.
    await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: admin.cookie },
      payload: { conversationVisibility: 'assigned' },
    });
    expect(await lines('?action=settings.changed')).toHaveLength(1);
  });

  it("records a number's broadcast pace changed", async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/broadcasts/channels/${t.sandbox.id}/rate`,
      headers: { cookie: t.cookie },
      payload: { ratePerSecond: 20 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [line] = await lines('?action=settings.changed');
    expect(line).toMatchObject({
      actor: { id: ownerId, name: 'Ana Owner' },
      target: { type: 'channel', id: t.sandbox.id },
      details: { area: 'broadcast_rate', changes: { ratePerSecond: { to: 20 } } },
    });
  });

  it('records the contacts CSV export', async () => {
    expect((await get('/api/contacts/export.csv', admin.cookie)).statusCode).toBe(200);
    const [line] = await lines('?action=contacts.exported');
    expect(line).toMatchObject({ actor: { id: admin.userId }, details: { contacts: expect.any(Number) } });
  });

  it("is the owner's alone: admins and agents get 403, another workspace sees none of it", async () => {
    for (const url of ['/api/audit-log', '/api/audit-log/export']) {
      for (const m of [admin, agent]) {
        const res = await get(url, m.cookie);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.message).toMatch(/owner/);
      }
    }
    // The other workspace's owner reads their own lines (their sign-in), none of this one's.
    const res = await get('/api/audit-log', foreign.cookie);
    expect(res.statusCode).toBe(200);
    const ours = new Set([ownerId, admin.userId, agent.userId]);
    const theirs: Line[] = res.json().items;
    expect(theirs.filter((l) => ours.has(l.actor.id ?? '') || ours.has(l.target.id ?? ''))).toEqual([]);
    expect(theirs.map((l) => l.action)).not.toContain('channel.connected');
    const csv = (await get('/api/audit-log/export', foreign.cookie)).body;
    for (const id of ours) expect(csv).not.toContain(id);
    expect(csv).not.toContain('Luis Admin');
  });

  it('pages newest first and filters by action, member and dates', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      workspaceId,
      action: 'invitation.created' as const,
      actorUserId: agent.userId,
      actorLabel: 'Carla Agent',
      targetType: 'invitation' as const,
      targetLabel: `guest${i}@example.com`,
    }));
    for (const e of many) await recordAudit(t.container.db.orm, e);

    const mine = `action=invitation.created&memberId=${agent.userId}`;
    const first = await get(`/api/audit-log?${mine}`);
    expect(first.json().items).toHaveLength(50);
    expect(first.json().items[0].target.label).toBe('guest59@example.com');
    const cursor = first.json().nextCursor;
    expect(cursor).toBeTruthy();
    const second = await get(`/api/audit-log?${mine}&cursor=${cursor}`);
    expect(second.json().items.map((l: Line) => l.target.label)).toEqual(
      Array.from({ length: 10 }, (_, i) => `guest${9 - i}@example.com`),
    );
    expect(second.json().nextCursor).toBeNull();

    const byAgent = await lines(`?memberId=${agent.userId}`);
    expect(new Set(byAgent.map((l) => l.actor.id))).toEqual(new Set([agent.userId]));
    const several = await lines('?action=channel.connected&action=contacts.exported');
    expect(new Set(several.map((l) => l.action))).toEqual(
      new Set(['channel.connected', 'contacts.exported']),
    );

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await lines(`?from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await lines(`?to=${encodeURIComponent(future)}&${mine}`)).length).toBe(50);

    const bad = await get('/api/audit-log?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/from/);
    const badCursor = await get('/api/audit-log?cursor=nonsense');
    expect(badCursor.statusCode).toBe(400);
  });

  it('exports the filtered lines as CSV with a BOM, and the export is itself a line', async () => {
    const res = await get(`/api/audit-log/export?action=invitation.created&memberId=${agent.userId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = raw.subarray(3).toString('utf8').trim().split('\r\n');
    expect(rows[0]).toBe('time,actor,actor_id,action,target_type,target_id,target,ip,details');
    expect(rows).toHaveLength(61);
    expect(rows[1]).toContain('guest59@example.com');
    expect(rows.slice(1).every((r) => r.includes(',invitation.created,'))).toBe(true);

    const [line] = await lines('?action=audit.exported');
    expect(line).toMatchObject({
      actor: { id: ownerId, name: 'Ana Owner' },
      details: { filters: { action: 'invitation.created', memberId: agent.userId } },
    });
  });

  it('writes names with accents so a spreadsheet reads them', async () => {
    await recordAudit(t.container.db.orm, {
      workspaceId,
      action: 'member.role_changed',
      actorUserId: ownerId,
      actorLabel: 'Ana Owner',
      targetType: 'member',
      targetId: admin.userId,
      targetLabel: 'José Peña',
      details: { from: 'agent', to: 'admin' },
    });
    const res = await get('/api/audit-log/export?action=member.role_changed');
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text).toContain('José Peña');
    expect(text).toContain('""from"":""agent""');
  });
});

import { hashPassword } from '../../src/modules/auth/passwords';
import { inboundTextWebhook } from './payloads';
import type { TestApp } from './test-app';

export interface Member {
  userId: string;
  cookie: string;
}

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

/** A member of the test workspace, invited by the owner and signed in. */
export async function addMember(t: TestApp, role: 'admin' | 'agent', name: string): Promise<Member> {
  const email = `${name.toLowerCase().replace(/\W/g, '')}@example.com`;
  const invite = await t.app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers: { cookie: t.cookie },
    payload: { email, role },
  });
  const token = String(invite.json().url).split('/').at(-1);
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { name, password: 'a long enough password' },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  return { userId: accepted.json().user.id, cookie: cookieOf(accepted) };
}

/** The owner of another workspace (made directly: setup works once per installation). */
export async function addForeignOwner(t: TestApp): Promise<Member> {
  const passwordHash = await hashPassword('a long enough password');
  const [ws] = await t.container.db.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('Otra Tienda') RETURNING id`,
  );
  const [user] = await t.container.db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash) VALUES ('otro@example.com', 'Otro', $1) RETURNING id`,
    [passwordHash],
  );
  await t.container.db.query(
    `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`,
    [ws!.id, user!.id],
  );
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'otro@example.com', password: 'a long enough password' },
  });
  return { userId: user!.id, cookie: cookieOf(login) };
}

/** A customer writes; resolves with the conversation id once Charla has it. */
export async function customerWrites(t: TestApp, from: string, text: string): Promise<string> {
  const res = await t.postWebhook(inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from, text }));
  if (res.statusCode !== 200) throw new Error(`webhook refused: ${res.body}`);
  return t.waitFor(async () => {
    const [row] = await t.container.db.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        JOIN messages m ON m.conversation_id = c.id AND m.text = $2
       WHERE ct.wa_id = $1`,
      [from, text],
    );
    return row?.id;
  }, `the conversation of ${from}`);
}

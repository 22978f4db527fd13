import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

type ConversationItem = { id: string; contact: { name: string | null } };

describe('an agent limited to assigned conversations', () => {
  it('sees only the conversation assigned to them; another one by URL or API is refused', async () => {
    const ownerContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'es-MX',
    });
    const owner = await ownerContext.newPage();
    const api = ownerContext.request;

    // The owner creates the workspace and limits agents to their assigned conversations.
    await setUpOwnerByApi(api, server.url, {
      workspaceName: 'Panadería Sol',
      name: 'Carmen',
      email: 'carmen@example.com',
    });
    const settings = await api.patch(`${server.url}/api/workspace/settings`, {
      data: { conversationVisibility: 'assigned' },
    });
    expect(settings.status()).toBe(200);
    expect(((await settings.json()) as { conversationVisibility: string }).conversationVisibility).toBe(
      'assigned',
    );

    // Invites an agent, who accepts (through the API, from elsewhere: no cookie shared).
    const invitation = await api.post(`${server.url}/api/invitations`, {
      data: { email: 'pablo@example.com', role: 'agent' },
    });
    expect(invitation.status()).toBe(200);
    const { url: inviteUrl } = (await invitation.json()) as { url: string };
    const token = inviteUrl.split('/invite/')[1] ?? '';
    const accepted = await fetch(`${server.url}/api/invitations/${encodeURIComponent(token)}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pablo', password: 'otra contraseña larga', locale: 'es' }),
    });
    expect(accepted.status).toBe(200);
    const members = (await (await api.get(`${server.url}/api/members`)).json()) as {
      items: Array<{ userId: string; name: string }>;
    };
    const pabloId = members.items.find((member) => member.name === 'Pablo')?.userId ?? '';
    expect(pabloId).not.toBe('');

    // Two customers write to the sandbox number.
    const sandbox = await sandboxOf(api, server.url);
    for (const [waId, name, text] of [
      ['5215511110001', 'Lucía Gómez', 'Hola, ¿tienen conchas hoy?'],
      ['5215511110002', 'Jorge Ruiz', 'Quiero hacer un pedido grande'],
    ] as const) {
      const sent = await fetch(customerMessagesUrl(sandbox, waId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, text }),
      });
      expect(sent.status).toBeLessThan(300);
    }
    let conversations: ConversationItem[] = [];
    await expect
      .poll(
        async () => {
          const list = await api.get(`${server.url}/api/conversations`);
          conversations = ((await list.json()) as { items: ConversationItem[] }).items;
          return conversations.length;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    const lucia = conversations.find((c) => c.contact.name === 'Lucía Gómez');
    const jorge = conversations.find((c) => c.contact.name === 'Jorge Ruiz');
    if (!lucia || !jorge) throw new Error('both conversations should exist');

    // The owner assigns Lucía's conversation to Pablo from the thread header.
    await owner.goto(`${server.url}/inbox/${lucia.id}`);
    await owner.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    await owner.click('[data-testid="assign-menu"]');
    await owner.click(`[data-testid="assign-agent-${pabloId}"]`);
    await expect
      .poll(() => owner.locator('[data-testid="assign-menu"]').getAttribute('data-assignee'))
      .toBe(pabloId);
    const event = owner.locator('[data-testid="conversation-event"]').last();
    await event.waitFor();
    expect(await event.textContent()).toContain('Carmen asignó esto a Pablo');

    // Snoozing shows the time it reopens; the change is a line in the thread.
    await owner.click('[data-testid="status-menu"]');
    await owner.click('[data-testid="snooze-1h"]');
    await expect
      .poll(() => owner.locator('[data-testid="status-menu"]').getAttribute('data-status'))
      .toBe('snoozed');
    expect(await owner.locator('[data-testid="status-menu"]').textContent()).toContain('Pospuesta hasta');
    await owner.click('[data-testid="priority-menu"]');
    await owner.click('[data-testid="priority-high"]');
    await expect
      .poll(() => owner.locator('[data-testid="priority-menu"]').getAttribute('data-priority'))
      .toBe('high');
    const eventTexts = () => owner.locator('[data-testid="conversation-event"]').allTextContents();
    await expect.poll(async () => (await eventTexts()).join('\n')).toContain('Carmen la pospuso');
    await expect
      .poll(async () => (await eventTexts()).join('\n'))
      .toContain('Carmen cambió la prioridad a Alta');
    // Changing the priority of a snoozed conversation keeps its snooze (one event, time still shown).
    expect(await eventTexts()).toHaveLength(3);
    expect(await owner.locator('[data-testid="status-menu"]').textContent()).toContain('Pospuesta hasta');
    await owner.click('[data-testid="status-menu"]');
    await owner.click('[data-testid="status-open"]');
    await expect
      .poll(() => owner.locator('[data-testid="status-menu"]').getAttribute('data-status'))
      .toBe('open');
    await owner.screenshot({ path: join(shots, '41-assignment-header.png') });

    // Settings: the workspace page shows the visibility chosen; a team is created with Pablo in it.
    await owner.goto(`${server.url}/settings/workspace`);
    await owner.locator('[data-testid="visibility-assigned"]').waitFor();
    expect(await owner.locator('[data-testid="visibility-assigned"]').isChecked()).toBe(true);
    await owner.screenshot({ path: join(shots, '42-workspace-settings.png') });
    await owner.click('[data-testid="settings-teams"]');
    await owner.click('[data-testid="team-create"]');
    await owner.fill('[data-testid="team-name-input"]', 'Pedidos');
    await owner.check(`[data-testid="team-member-${pabloId}"]`);
    await owner.click('[data-testid="team-save"]');
    const teamRow = owner.locator('[data-testid="team-row"]');
    await teamRow.waitFor();
    expect(await teamRow.textContent()).toContain('Pablo');

    // Pablo logs in through the UI and sees only that conversation.
    const agentContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'es-MX',
    });
    const agent = await agentContext.newPage();
    await agent.goto(`${server.url}/login`);
    await agent.fill('input[name="email"]', 'pablo@example.com');
    await agent.fill('input[name="password"]', 'otra contraseña larga');
    await agent.click('[data-testid="login-submit"]');
    await agent.waitForURL(/\/inbox/);
    const items = agent.locator('[data-testid="conversation-item"]');
    await items.first().waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Lucía Gómez');

    // Jorge's conversation, opened by URL: a clear page, not an error.
    await agent.goto(`${server.url}/inbox/${jorge.id}`);
    const noAccess = agent.locator('[data-testid="no-access"]');
    await noAccess.waitFor();
    expect(await noAccess.textContent()).toContain('No tienes acceso a esta conversación');
    expect(await agent.getByText('Jorge Ruiz').count()).toBe(0);
    await agent.screenshot({ path: join(shots, '40-restricted-agent.png') });

    // And through the API with Pablo's cookie: 403 forbidden; his own conversation answers.
    const refused = await agentContext.request.get(`${server.url}/api/conversations/${jorge.id}`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const allowed = await agentContext.request.get(`${server.url}/api/conversations/${lucia.id}`);
    expect(allowed.status()).toBe(200);

    // Back to the inbox, his conversation opens normally.
    await agent.click('[data-testid="no-access-back"]');
    await agent.waitForURL(/\/inbox$/);
    await items.first().click();
    await agent.locator('[data-testid="status-menu"]').waitFor();
  });
});

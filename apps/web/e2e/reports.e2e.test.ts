import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/platform/db/database';
import { setUpOwnerByApi } from './owner-setup';
import { reportsApp } from './reports-app';
import { seedHistory } from './reports-history';
import { customerMessagesUrl, sandboxOf } from './sandbox';

const app = reportsApp('reports');

describe('reports', () => {
  it('show a small shop its performance and volume, to agents only their own row', async () => {
    const owner = await app.newContext('es-MX');
    const ownerId = await setUpOwnerByApi(owner.request, app.url, {
      workspaceName: 'Florería Luz',
      name: 'Carmen',
      email: 'carmen@example.com',
    });
    const diego = await app.agentJoins(owner, 'Diego', 'diego@example.com');
    const lucia = await app.agentJoins(owner, 'Lucía', 'lucia@example.com');
    const team = await owner.request.post(`${app.url}/api/teams`, {
      data: { name: 'Ventas', memberIds: [ownerId, diego.id, lucia.id] },
    });
    expect(team.status()).toBeLessThan(300);
    const teamId = ((await team.json()) as { id: string }).id;

    // Today: three customers write from their phones; Diego answers one, Lucía leaves one pending.
    const sandbox = await sandboxOf(owner.request, app.url);
    const customers = [
      ['5215512340001', 'Rosa Martínez', '¿Tienen girasoles hoy?'],
      ['5215512340002', 'Jorge Pérez', '¿Hacen envíos a Coyoacán?'],
      ['5215512340003', 'Ana López', 'Hola, quiero un arreglo para mañana'],
    ] as const;
    for (const [waId, name, text] of customers) {
      const sent = await fetch(customerMessagesUrl(sandbox, waId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, text }),
      });
      expect(sent.status).toBeLessThan(300);
    }
    let today: { id: string; contact: { name: string | null } }[] = [];
    await expect
      .poll(
        async () => {
          const list = await (await owner.request.get(`${app.url}/api/conversations`)).json();
          today = (list as { items: typeof today }).items;
          return today.length;
        },
        { timeout: 15_000 },
      )
      .toBe(3);
    const byName = (name: string) => today.find((c) => JSON.stringify(c).includes(name))?.id ?? '';
    const answer = async (
      agent: { context: BrowserContext; id: string },
      conversationId: string,
      text: string,
    ) => {
      const assign = await owner.request.post(`${app.url}/api/conversations/${conversationId}/assign`, {
        data: { assigneeUserId: agent.id },
      });
      expect(assign.status()).toBe(200);
      const sent = await agent.context.request.post(
        `${app.url}/api/conversations/${conversationId}/messages`,
        {
          data: { type: 'text', text },
        },
      );
      expect(sent.status()).toBe(202);
    };
    await answer(diego, byName('Rosa'), 'Sí, nos quedan 12 ramos.');
    await answer(lucia, byName('Jorge'), 'Claro, el envío a Coyoacán cuesta 80 pesos.');
    const pending = await lucia.context.request.patch(`${app.url}/api/conversations/${byName('Jorge')}`, {
      data: { status: 'pending' },
    });
    expect(pending.status()).toBe(200);

    // The past two weeks, written into the stopped server's database.
    await app.stop();
    const db = await openDatabase({ dataDir: join(app.dataDir, 'db') });
    const [ws] = await db.query<{ id: string }>('SELECT id FROM workspaces');
    const [channel] = await db.query<{ id: string }>('SELECT id FROM channels');
    const { conversations } = await seedHistory(
      db,
      {
        workspaceId: ws!.id,
        channelId: channel!.id,
        teamId,
        agents: [
          { id: diego.id, paceMinutes: 3 },
          { id: lucia.id, paceMinutes: 9 },
          { id: ownerId, paceMinutes: 25 },
        ],
      },
      new Date(),
    );
    expect(conversations).toBeGreaterThan(30);
    await db.close();
    await app.start();

    // Carmen opens Reports and brings the figures up to date.
    const page = await owner.newPage();
    await page.goto(`${app.url}/inbox`);
    await page.click('[data-testid="nav-reports"]');
    await page.waitForURL(/\/reports/);
    await page.click('[data-testid="reports-refresh"]');
    await page.locator('[data-testid="agents-row"]').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="agents-row"]').count()).toBe(3);

    // The figures follow the rows: on a loaded machine, a moment later.
    await expect
      .poll(() => page.locator('[data-testid="kpi-first-response-value"]').textContent())
      .toMatch(/\d+ (s|min)/);
    await expect
      .poll(async () => Number(await page.locator('[data-testid="kpi-resolved-value"]').textContent()))
      .toBeGreaterThan(5);
    expect(await page.locator('[data-testid="reports-updated"]').textContent()).toContain('Actualizado');
    // No business hours are set: the page says its times are calendar time.
    await page.locator('[data-testid="no-business-hours"]').waitFor();
    // Today's waiting conversation (nobody took Ana López) and Jorge's pending one are "now".
    expect(Number(await page.locator('[data-testid="now-pending"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="teams-row"]').textContent()).toContain('Ventas');
    // The week before was slower: the first response got better, in green.
    expect(
      await page
        .locator('[data-testid="kpi-first-response"] [data-testid="change"]')
        .getAttribute('data-verdict'),
    ).toBe('better');

    // Sorted by first response, fastest first: Diego.
    // A first click sorts the longest first, a second the shortest: Diego.
    await page.click('[data-testid="agents-sort-firstResponseMedian"]');
    await page.click('[data-testid="agents-sort-firstResponseMedian"]');
    const firstSorted = await page.locator('[data-testid="agents-row"]').first().textContent();
    expect(firstSorted).toContain('Diego');

    // The agents' table downloads as CSV with Spanish headers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="agents-table-csv"]'),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.split('\r\n');
    expect(header).toMatch(/^Agente,Asignadas,Atendidas,Resueltas,/);
    expect(header).toContain('Primera respuesta (mediana) (min)');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('Diego,'))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^agentes-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);

    await page.click('[data-testid="how-we-count"] summary');
    await app.shoot(page, 'reports-performance-es', 1280);
    await app.shoot(page, 'reports-performance-es', 390);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Volume: a heat map Monday first, the sandbox number, who sends.
    await page.click('[data-testid="reports-tab-volume"]');
    await page.locator('[data-testid="volume-view"]').waitFor();
    const rows = page.locator('[data-testid="heatmap-row"]');
    expect(await rows.count()).toBe(7);
    expect((await rows.first().locator('th').textContent())?.toLowerCase()).toMatch(/^lun/);
    expect(await page.locator('[data-testid="numbers-row"]').count()).toBe(1);
    expect(
      Number(
        (await page.locator('[data-testid="volume-inbound"] p').nth(1).textContent())?.replace(/\D/g, ''),
      ),
    ).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="outbound-automated"]').textContent()).toMatch(/[1-9]/);
    const [volumeCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="messages-per-day-csv"]'),
    ]);
    const perDay = readFileSync((await volumeCsv.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    expect(perDay.split('\r\n')[0]).toBe('Fecha,Recibidos,Enviados');
    await app.shoot(page, 'reports-volume-es', 1280);
    await app.shoot(page, 'reports-volume-es', 390);

    // The same in English.
    const english = await app.newContext('en-US');
    await english.addCookies(await owner.cookies());
    await english.addInitScript((id) => localStorage.setItem(`charla.locale.${id}`, 'en'), ownerId);
    const en = await english.newPage();
    await en.goto(`${app.url}/reports`);
    await en.locator('[data-testid="agents-row"]').first().waitFor({ timeout: 20_000 });
    expect(await en.locator('[data-testid="kpi-first-response"]').textContent()).toContain(
      'First response (median)',
    );
    await en.click('[data-testid="how-we-count"] summary');
    await app.shoot(en, 'reports-performance-en', 1280);
    await app.shoot(en, 'reports-performance-en', 390);
    await en.setViewportSize({ width: 1280, height: 800 });
    await en.click('[data-testid="reports-tab-volume"]');
    await en.locator('[data-testid="volume-view"]').waitFor();
    expect((await en.locator('[data-testid="heatmap-row"] th').first().textContent())?.toLowerCase()).toMatch(
      /^mon/,
    );
    await app.shoot(en, 'reports-volume-en', 1280);
    await app.shoot(en, 'reports-volume-en', 390);

    // Diego, an agent: his own row only, no teams, no volume, no refresh.
    const agentPage = await diego.context.newPage();
    await agentPage.goto(`${app.url}/reports?view=volume`);
    await agentPage.locator('[data-testid="agents-row"]').first().waitFor({ timeout: 20_000 });
    expect(await agentPage.locator('[data-testid="agents-row"]').count()).toBe(1);
    expect(await agentPage.locator('[data-testid="agents-row"]').textContent()).toContain('Diego');
    expect(await agentPage.locator('[data-testid="teams-table"]').count()).toBe(0);
    expect(await agentPage.locator('[data-testid="reports-tab-volume"]').count()).toBe(0);
    expect(await agentPage.locator('[data-testid="volume-view"]').count()).toBe(0);
    expect(await agentPage.locator('[data-testid="reports-refresh"]').count()).toBe(0);
    expect(
      (
        await diego.context.request.get(`${app.url}/api/reports/volume?from=2020-01-01&to=2020-01-07`)
      ).status(),
    ).toBe(403);
    await app.shoot(agentPage, 'reports-agent-es', 1280);
  }, 240_000);
});

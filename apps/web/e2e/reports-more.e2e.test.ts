import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/platform/db/database';
import { setUpOwnerByApi } from './owner-setup';
import { reportsApp } from './reports-app';
import { seedHistory } from './reports-history';
import { seedInsights } from './reports-insights-history';

const app = reportsApp('reports-more');

async function csvOf(page: Page, testId: string): Promise<{ lines: string[]; download: Download }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-testid="${testId}"]`),
  ]);
  const text = readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
  return { lines: text.split('\r\n'), download };
}

const number = async (page: Page, selector: string) =>
  Number((await page.locator(selector).first().textContent())?.replace(/\D/g, ''));

describe('reports on SLA, broadcasts and automation', () => {
  it('show an owner targets met and at risk, how broadcasts and templates were received, and what automation did', async () => {
    const owner = await app.newContext('es-MX');
    const ownerId = await setUpOwnerByApi(owner.request, app.url, {
      workspaceName: 'Florería Luz',
      name: 'Carmen',
      email: 'carmen@example.com',
    });
    const { context: diego, id: diegoId } = await app.agentJoins(owner, 'Diego', 'diego@example.com');
    const team = await owner.request.post(`${app.url}/api/teams`, {
      data: { name: 'Ventas', memberIds: [ownerId, diegoId] },
    });
    const teamId = ((await team.json()) as { id: string }).id;

    // Targets through the API: the workspace's first response in an hour; Ventas in 15 minutes, resolved in 8 hours.
    for (const data of [
      { teamId: null, firstResponseMinutes: 60, resolutionMinutes: null },
      { teamId, firstResponseMinutes: 15, resolutionMinutes: 480 },
    ]) {
      const set = await owner.request.put(`${app.url}/api/reports/sla-targets`, { data });
      expect(set.status(), await set.text()).toBe(200);
    }

    await app.stop();
    const db = await openDatabase({ dataDir: join(app.dataDir, 'db') });
    const [ws] = await db.query<{ id: string }>('SELECT id FROM workspaces');
    const [channel] = await db.query<{ id: string }>('SELECT id FROM channels');
    const now = new Date();
    await seedHistory(
      db,
      {
        workspaceId: ws!.id,
        channelId: channel!.id,
        teamId,
        agents: [
          { id: diegoId, paceMinutes: 3 },
          { id: ownerId, paceMinutes: 25 },
        ],
      },
      now,
    );
    await seedInsights(db, { workspaceId: ws!.id, channelId: channel!.id, agentId: diegoId }, now);
    await db.close();
    await app.start();

    const page = await owner.newPage();
    await page.goto(`${app.url}/reports`);
    await page.click('[data-testid="reports-refresh"]');
    await page.locator('[data-testid="agents-row"]').first().waitFor({ timeout: 20_000 });

    // Time online is a column of the agents and of their CSV; Carmen has the page open now.
    expect(await page.locator('[data-testid="agents-sort-onlineMs"]').textContent()).toBe('Tiempo en línea');
    const agentsCsv = await csvOf(page, 'agents-table-csv');
    expect(agentsCsv.lines[0]).toContain('Tiempo en línea (min)');
    expect(await page.locator('[data-testid="teams-sort-onlineMs"]').count()).toBe(0);

    // SLA: Ventas's 15-minute first response is missed often (Carmen takes 25); Valeria has waited 50 of 60 minutes.
    await page.click('[data-testid="reports-tab-sla"]');
    await page.waitForURL(/view=sla/);
    await expect.poll(() => page.locator('[data-testid="sla-row"]').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('[data-testid="report-agent"]').count()).toBe(0);
    const ventas = page.locator('[data-testid="sla-row"]', { hasText: 'Ventas' });
    const met = await ventas.locator('[data-testid="sla-firstResponse-met"]').textContent();
    expect(met).toMatch(/^\d+\s?%$/);
    expect(Number(met?.replace(/\D/g, ''))).toBeLessThan(90);
    expect(await ventas.locator('[data-testid="sla-firstResponse"]').getAttribute('data-tone')).not.toBe(
      'green',
    );
    const valeria = page.locator('[data-testid="sla-at-risk-item"]', { hasText: 'Valeria Campos' });
    expect(await valeria.getAttribute('data-breached')).toBe('false');
    expect(await valeria.textContent()).toMatch(/5\d min de 1 h/);
    expect(
      await page.locator('[data-testid="sla-at-risk-item"][data-breached="true"]').count(),
    ).toBeGreaterThan(0);
    const href = await valeria.locator('a').getAttribute('href');
    expect(href).toMatch(/^\/inbox\/[0-9a-f-]{36}$/);

    // A target out of range is refused, saying so under the field; a right one is saved.
    const workspaceRow = page.locator('[data-testid="sla-target-row"]').first();
    await workspaceRow.locator('[data-testid="sla-target-resolutionMinutes"]').fill('0');
    await workspaceRow.locator('[data-testid="sla-target-save"]').click();
    await workspaceRow.locator('[data-testid="sla-target-resolutionMinutes-error"]').waitFor();
    expect(
      await workspaceRow.locator('[data-testid="sla-target-resolutionMinutes-error"]').textContent(),
    ).toContain('43.200');
    await workspaceRow.locator('[data-testid="sla-target-resolutionMinutes"]').fill('1440');
    expect(await workspaceRow.textContent()).toContain('24 h');
    await workspaceRow.locator('[data-testid="sla-target-save"]').click();
    await workspaceRow.locator('[data-testid="sla-target-saved"]').waitFor();
    const targets = (await (await owner.request.get(`${app.url}/api/reports/sla-targets`)).json()) as {
      resolutionMinutes: number | null;
    }[];
    expect(targets[0]?.resolutionMinutes).toBe(1440);
    await page.click('[data-testid="how-we-count"] summary');
    expect(await page.locator('[data-testid="definition-slaAtRisk"]').textContent()).toContain(
      'tres cuartos',
    );
    await app.shoot(page, 'reports-sla-es', 1280);
    await app.shoot(page, 'reports-sla-es', 390);

    // Valeria's row opens her conversation in the inbox.
    await valeria.locator('a').click();
    await page.waitForURL(new RegExp(`${href}$`));
    await page.goBack();

    // Broadcasts and templates.
    await page.click('[data-testid="reports-tab-campaigns"]');
    await page.locator('[data-testid="campaigns-view"]').waitFor({ timeout: 15_000 });
    const broadcast = page.locator('[data-testid="broadcasts-row"]');
    expect(await broadcast.count()).toBe(1);
    expect(await broadcast.textContent()).toContain('Día de las madres');
    expect(await page.locator('[data-testid="templates-row"]').count()).toBe(3);
    expect(await number(page, '[data-testid="campaigns-sent-value"]')).toBe(21 + 6 + 22);
    // The failures say why when pointed at.
    await broadcast.locator('[data-testid="failed-reasons"]').hover();
    await page.getByRole('tooltip').waitFor();
    expect(await page.getByRole('tooltip').textContent()).toContain('Not on WhatsApp (131026): 2');
    // The reminder, sent 22 times by a rule, is ranked; the agent's follow-up (6) is not.
    expect(await page.locator('[data-testid="ranking-readRate-best"]').textContent()).toContain(
      'recordatorio_entrega',
    );
    expect(await page.locator('[data-testid="campaigns-ranking"]').textContent()).not.toContain(
      'seguimiento_pedido',
    );
    const broadcastsCsv = await csvOf(page, 'broadcasts-table-csv');
    expect(broadcastsCsv.lines[0]).toMatch(/^Difusión,Plantilla,Empezó,Estado,Destinatarios,Enviados,/);
    expect(broadcastsCsv.lines[0]).toContain('Tasa de lectura (%)');
    expect(broadcastsCsv.lines[1]).toContain('Not on WhatsApp (131026): 2');
    expect(broadcastsCsv.download.suggestedFilename()).toMatch(
      /^difusiones-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect((await csvOf(page, 'templates-table-csv')).lines).toHaveLength(4);
    await app.shoot(page, 'reports-campaigns-es', 1280);
    await app.shoot(page, 'reports-campaigns-es', 390);

    // Automation: the rule's fires, the bot's path and the sequence.
    await page.click('[data-testid="reports-tab-automation"]');
    await page.locator('[data-testid="automation-view"]').waitFor({ timeout: 15_000 });
    const rule = page.locator('[data-testid="rules-row"]', { hasText: 'Bienvenida fuera de horario' });
    expect(await rule.textContent()).toContain('31');
    const flow = page.locator('[data-testid="flows-row"]');
    expect(await flow.textContent()).toContain('Pedidos para entrega');
    expect(await page.locator('[data-testid="flow-funnel"] .recharts-bar-rectangle').count()).toBeGreaterThan(
      5,
    );
    expect(await page.locator('[data-testid="flow-funnel"]').textContent()).toContain('Pregunta');
    expect(await page.locator('[data-testid="sequences-row"]').textContent()).toContain(
      'Bienvenida a clientes nuevos',
    );
    const flowsCsv = await csvOf(page, 'flows-table-csv');
    expect(flowsCsv.lines[0]).toMatch(/^Bot,Versión,Empezadas,Completadas,/);
    expect(flowsCsv.lines[1]).toMatch(/^Pedidos para entrega,1,13,6,2,3,1,0,1$/);
    await app.shoot(page, 'reports-automation-es', 1280);
    await app.shoot(page, 'reports-automation-es', 390);

    // The same in English.
    const english = await app.newContext('en-US');
    await english.addCookies(await owner.cookies());
    await english.addInitScript((id) => localStorage.setItem(`charla.locale.${id}`, 'en'), ownerId);
    const en = await english.newPage();
    await en.goto(`${app.url}/reports?view=sla`);
    await en.locator('[data-testid="sla-row"]').first().waitFor({ timeout: 20_000 });
    expect(await en.locator('[data-testid="sla-at-risk"]').textContent()).toContain('At risk now');
    await en.click('[data-testid="how-we-count"] summary');
    await app.shoot(en, 'reports-sla-en', 1280);
    await app.shoot(en, 'reports-sla-en', 390);
    await en.click('[data-testid="reports-tab-campaigns"]');
    await en.locator('[data-testid="campaigns-view"]').waitFor();
    expect(await en.locator('[data-testid="broadcasts-table"]').textContent()).toContain('Recipients');
    await app.shoot(en, 'reports-campaigns-en', 1280);
    await app.shoot(en, 'reports-campaigns-en', 390);
    await en.click('[data-testid="reports-tab-automation"]');
    await en.locator('[data-testid="automation-view"]').waitFor();
    expect(await en.locator('[data-testid="flow-funnel"]').textContent()).toContain('Question');
    await app.shoot(en, 'reports-automation-en', 1280);
    await app.shoot(en, 'reports-automation-en', 390);

    // Diego, an agent, has none of these tabs, and the API refuses him.
    const agentPage = await diego.newPage();
    await agentPage.goto(`${app.url}/reports?view=sla`);
    await agentPage.locator('[data-testid="performance-view"], [data-testid="agents-row"]').first().waitFor({
      timeout: 20_000,
    });
    for (const tab of ['sla', 'campaigns', 'automation']) {
      expect(await agentPage.locator(`[data-testid="reports-tab-${tab}"]`).count()).toBe(0);
    }
    expect(await agentPage.locator('[data-testid="sla-view"]').count()).toBe(0);
    for (const path of ['sla-targets', 'campaigns?from=2020-01-01&to=2020-01-07']) {
      expect((await diego.request.get(`${app.url}/api/reports/${path}`)).status()).toBe(403);
    }
  }, 180_000);
});

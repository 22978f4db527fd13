import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/platform/db/database';
import { screenshotsDir } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { reportsApp } from './reports-app';

const app = reportsApp('reports-csat');
const HOUR = 3_600_000;

describe('satisfaction reports', () => {
  it('an owner turns the survey on, then reads the ratings and comments; an agent sees only theirs', async () => {
    const owner = await app.newContext('es-MX');
    const ownerId = await setUpOwnerByApi(owner.request, app.url, {
      workspaceName: 'Florería Luz',
      name: 'Carmen',
      email: 'carmen@example.com',
    });
    const { context: diego, id: diegoId } = await app.agentJoins(owner, 'Diego', 'diego@example.com');

    // Settings › Workspace: the survey is off until the owner turns it on.
    const page = await owner.newPage();
    await page.goto(`${app.url}/settings/workspace`);
    const enabled = page.locator('[data-testid="csat-enabled"]');
    await enabled.waitFor();
    expect(await enabled.isChecked()).toBe(false);
    expect(await page.locator('[data-testid="csat-template"]').isDisabled()).toBe(true);
    await enabled.check();
    expect(await page.locator('[data-testid="csat-template"]').isDisabled()).toBe(false);
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/workspace/settings') && r.request().method() === 'PATCH',
      ),
      page.click('[data-testid="workspace-save"]'),
    ]);
    expect(saved.status()).toBe(200);
    // The form, started again from the saved settings, still says they were saved.
    await page.locator('[data-testid="workspace-saved"]').waitFor();
    const settings = (await (await owner.request.get(`${app.url}/api/workspace/settings`)).json()) as {
      csatEnabled: boolean;
    };
    expect(settings.csatEnabled).toBe(true);
    await page.locator('[data-testid="csat-settings"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'settings-csat-es-1280.png') });

    // The last days' surveys, written while Charla is stopped.
    await app.stop();
    const db = await openDatabase({ dataDir: join(app.dataDir, 'db') });
    const [ws] = await db.query<{ id: string }>('SELECT id FROM workspaces');
    const [channel] = await db.query<{ id: string }>('SELECT id FROM channels');
    const now = Date.now();
    let n = 0;
    const survey = async (
      agent: string,
      hoursAgo: number,
      score: number | null,
      name: string,
      comment?: string,
    ) => {
      const waId = `5215577${String(++n).padStart(6, '0')}`;
      const [contact] = await db.query<{ id: string }>(
        'INSERT INTO contacts (workspace_id, wa_id, phone, name) VALUES ($1, $2, $3, $4) RETURNING id',
        [ws!.id, waId, `+${waId}`, name],
      );
      const [conversation] = await db.query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, assignee_user_id)
         VALUES ($1, $2, $3, 'resolved', $4) RETURNING id`,
        [ws!.id, channel!.id, contact!.id, agent],
      );
      const sent = new Date(now - hoursAgo * HOUR);
      await db.query(
        `INSERT INTO csat_surveys (workspace_id, conversation_id, channel_id, contact_id, agent_user_id, via, message_id,
                                   sent_at, expires_at, score, rated_at, comment, commented_at)
         VALUES ($1, $2, $3, $4, $5, 'list', gen_random_uuid(), $6, $6::timestamptz + interval '1 day', $7,
                 $8, $9, $10)`,
        [
          ws!.id,
          conversation!.id,
          channel!.id,
          contact!.id,
          agent,
          sent,
          score,
          score === null ? null : new Date(sent.getTime() + 60_000),
          comment ?? null,
          comment ? new Date(sent.getTime() + 120_000) : null,
        ],
      );
    };
    // Carmen: 5, 5, 4, 3 and one unanswered. Diego: 5, 4, 4, 2, 1 and two unanswered.
    await survey(ownerId, 20, 5, 'Valeria Campos', 'Me encantó el ramo, llegó puntual 💐');
    await survey(ownerId, 30, 5, 'Jorge Ruiz');
    await survey(ownerId, 50, 4, 'Marta Gil');
    await survey(ownerId, 70, 3, 'Luis Peña', 'Bien, aunque tardaron en contestar');
    await survey(ownerId, 80, null, 'Ana Soto');
    await survey(diegoId, 10, 5, 'Sofía Díaz', 'Diego fue muy amable');
    await survey(diegoId, 26, 4, 'Raúl Vega');
    await survey(diegoId, 40, 4, 'Elena Mora');
    await survey(diegoId, 60, 2, 'Pablo Ortiz', '<b>No</b> llegó la tarjeta del ramo');
    await survey(diegoId, 90, 1, 'Inés Ramos', 'Nadie me dijo que no había rosas rojas');
    await survey(diegoId, 100, null, 'Tomás León');
    await survey(diegoId, 110, null, 'Irene Cruz');
    await db.close();
    await app.start();

    await page.goto(`${app.url}/reports?view=csat`);
    await page.locator('[data-testid="csat-view"]').waitFor({ timeout: 20_000 });
    // (5 + 5 + 4 + 3 + 5 + 4 + 4 + 2 + 1) / 9 = 3,67; 6 of 9 gave 4 or 5; 9 of 12 answered.
    expect(await page.locator('[data-testid="kpi-csat-average-value"]').textContent()).toBe('3,67');
    expect(await page.locator('[data-testid="kpi-csat-satisfied-value"]').textContent()).toMatch(/^67\s?%$/);
    expect(await page.locator('[data-testid="kpi-csat-response-value"]').textContent()).toMatch(/^75\s?%$/);
    expect(await page.locator('[data-testid="csat-comment"]').count()).toBe(5);
    // Customer text is shown as text: the tags are there to read, not bold.
    const pablo = page.locator('[data-testid="csat-comment"]', { hasText: 'Pablo Ortiz' });
    expect(await pablo.textContent()).toContain('<b>No</b> llegó la tarjeta del ramo');
    expect(await pablo.locator('b').count()).toBe(0);
    const agentRows = page.locator('[data-testid="csat-agents-row"]');
    expect(await agentRows.count()).toBe(2);
    expect(await agentRows.first().textContent()).toContain('Carmen'); // 4,25 before Diego's 3,2
    expect(await page.locator('[data-testid="csat-teams-table"]').count()).toBe(1);
    await page.click('[data-testid="how-we-count"] summary');
    expect(await page.locator('[data-testid="definition-csatScores"]').textContent()).toContain('4 o 5');
    await app.shoot(page, 'reports-csat-es', 1280);
    await app.shoot(page, 'reports-csat-es', 390);

    // In English.
    const english = await app.newContext('en-US');
    await english.addCookies(await owner.cookies());
    await english.addInitScript((id) => localStorage.setItem(`charla.locale.${id}`, 'en'), ownerId);
    const en = await english.newPage();
    await en.goto(`${app.url}/reports?view=csat`);
    await en.locator('[data-testid="csat-view"]').waitFor({ timeout: 20_000 });
    expect(await en.locator('[data-testid="kpi-csat-average-value"]').textContent()).toBe('3.67');
    expect(await en.locator('[data-testid="csat-comments"]').textContent()).toContain('What customers said');
    await app.shoot(en, 'reports-csat-en', 1280);
    await app.shoot(en, 'reports-csat-en', 390);

    // Diego, an agent, has the tab too, with only his own ratings and comments.
    const agentPage = await diego.newPage();
    await agentPage.goto(`${app.url}/reports?view=csat`);
    await agentPage.locator('[data-testid="csat-view"]').waitFor({ timeout: 20_000 });
    // (5 + 4 + 4 + 2 + 1) / 5 = 3,2.
    expect(await agentPage.locator('[data-testid="kpi-csat-average-value"]').textContent()).toBe('3,2');
    expect(await agentPage.locator('[data-testid="csat-comment"]').count()).toBe(3);
    expect(await agentPage.locator('[data-testid="csat-teams-table"]').count()).toBe(0);
    expect(await agentPage.locator('[data-testid="reports-tab-volume"]').count()).toBe(0);
  });
});

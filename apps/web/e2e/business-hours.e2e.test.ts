import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';

let e2e: E2eApp;
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

describe('business hours', () => {
  it('in Spanish: a shop sets split hours, Saturday mornings and a yearly holiday; an overlap says which day', async () => {
    const { server, browser } = e2e;
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'es-ES',
      timezoneId: 'Europe/Madrid',
    });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Zapatería Sol');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-hours').click();
    await page.getByTestId('hours-not-set').getByText('Aún no hay horario').waitFor();
    // It starts from weekdays 09:00–18:00 in the workspace's zone.
    expect(await page.getByTestId('hours-zone').inputValue()).toBe('Europe/Madrid');
    expect(await page.getByTestId('hours-day-0-from-0').inputValue()).toBe('09:00');
    expect(await page.getByTestId('hours-day-5-open').isChecked()).toBe(false);

    // Monday: 09:00–14:00 and 17:00–20:30, then copied to every weekday.
    await page.getByTestId('hours-day-0-to-0').fill('14:00');
    await page.getByTestId('hours-day-0-add').click();
    await page.getByTestId('hours-day-0-from-1').fill('17:00');
    await page.getByTestId('hours-day-0-to-1').fill('20:30');
    await page.getByTestId('hours-copy-weekdays').click();
    expect(await page.getByTestId('hours-day-4-to-1').inputValue()).toBe('20:30');
    // Saturday mornings.
    await page.getByTestId('hours-day-5-open').check();
    await page.getByTestId('hours-day-5-from-0').fill('10:00');
    await page.getByTestId('hours-day-5-to-0').fill('14:00');
    // Christmas, every year.
    await page.getByTestId('hours-holiday-add').click();
    await page.getByTestId('hours-holiday-date-0').fill('2026-12-25');
    await page.getByTestId('hours-holiday-name-0').fill('Navidad');
    await page.getByTestId('hours-holiday-yearly-0').check();
    await page.getByTestId('hours-save').click();
    await page.getByTestId('hours-saved').getByText('Horario guardado.').waitFor();
    await page.getByTestId('hours-open-now').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'business-hours-es-1280.png'), fullPage: true });

    // What was saved is what the API (and so every rule) reads.
    const saved = await (await page.request.get(`${server.url}/api/business-hours`)).json();
    expect(saved.workspace.days[2]).toEqual([
      { from: '09:00', to: '14:00' },
      { from: '17:00', to: '20:30' },
    ]);
    expect(saved.workspace.days[5]).toEqual([{ from: '10:00', to: '14:00' }]);
    expect(saved.workspace.days[6]).toEqual([]);
    expect(saved.workspace.holidays).toEqual([{ date: '2026-12-25', yearly: true, name: 'Navidad' }]);

    // A slip: Tuesday's afternoon starts before its morning ends.
    await page.getByTestId('hours-day-1-from-1').fill('13:00');
    await page
      .getByTestId('hours-day-1-overlap-1')
      .getByText('Se solapa con 09:00–14:00: únelos en un tramo o corrige las horas.')
      .waitFor();
    await page.getByTestId('hours-save').click();
    await page.getByTestId('hours-overlaps').getByText('Hay tramos que se solapan').waitFor();
    // Nothing was sent: what is stored is still the morning and the afternoon apart.
    const kept = await (await page.request.get(`${server.url}/api/business-hours`)).json();
    expect(kept.workspace.days[1][1]).toEqual({ from: '17:00', to: '20:30' });
    await page.getByTestId('hours-day-1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'business-hours-es-overlap-1280.png') });
  });

  it('in English on a phone: a night team keeps hours of its own', async () => {
    const { server } = e2e;
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const team = await context.request.post(`${server.url}/api/teams`, { data: { name: 'Night shift' } });
    expect(team.status()).toBe(201);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/settings/hours`);
    await page.getByTestId('hours-scope').selectOption({ label: 'Team Night shift' });
    await page.getByText('This team keeps the workspace’s hours.').waitFor();
    await page.getByTestId('hours-team-own').check();
    for (let day = 0; day < 7; day++) {
      if (!(await page.getByTestId(`hours-day-${day}-open`).isChecked()))
        await page.getByTestId(`hours-day-${day}-open`).check();
      while ((await page.getByTestId(`hours-day-${day}-range`).count()) > 1)
        await page.getByTestId(`hours-day-${day}-range`).last().getByRole('button').click();
      await page.getByTestId(`hours-day-${day}-from-0`).fill('22:00');
      await page.getByTestId(`hours-day-${day}-to-0`).fill('02:00');
    }
    await page.getByTestId('hours-day-0').getByText('into the next day').waitFor();
    await page.getByTestId('hours-save').click();
    await page.getByTestId('hours-saved').getByText('Hours saved.').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'business-hours-en-team-390.png'), fullPage: true });

    const saved = await (await page.request.get(`${server.url}/api/business-hours`)).json();
    expect(saved.teams).toEqual([
      {
        teamId: (await team.json()).id,
        teamName: 'Night shift',
        calendar: expect.objectContaining({
          days: Array.from({ length: 7 }, () => [{ from: '22:00', to: '02:00' }]),
        }),
      },
    ]);
    // The workspace's own hours did not change.
    expect(saved.workspace.days[5]).toEqual([{ from: '10:00', to: '14:00' }]);
  });
});

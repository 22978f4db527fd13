import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { type Sandbox, sandboxOf } from './sandbox';

let e2e: E2eApp;
let owner: Page;
let sandbox: Sandbox;

beforeAll(async () => {
  e2e = await startE2eApp();
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  owner = await context.newPage();
  await setUpOwnerInBrowser(owner, e2e.server.url, 'Florería Luna');
  sandbox = await sandboxOf(owner.request, e2e.server.url);
});
afterAll(() => e2e?.close());

/** The simulator's view of a customer: whether its own 24-hour window is open. */
async function simulatorWindowOpen(waId: string): Promise<boolean> {
  const url = `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers/${waId}/chat`;
  return ((await (await fetch(url)).json()) as { windowOpen: boolean }).windowOpen;
}

describe('the simulated phone speaks the customer’s language', () => {
  it('is Spanish for a Spanish browser, English for an English one, and the toggle switches it', async () => {
    const es = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
    const phone = await es.newPage();
    await phone.goto(sandbox.phoneUrl);
    await expect.poll(() => phone.locator('[data-testid="phone-start"]').textContent()).toBe('Iniciar chat');
    expect(await phone.getAttribute('html', 'lang')).toBe('es');
    expect(await phone.locator('#phone-intro').textContent()).toBe(
      'Hazte pasar por un cliente. ¿Quién eres?',
    );
    await phone.fill('[data-testid="phone-name"]', 'Lucía Gómez');
    await phone.fill('[data-testid="phone-number"]', '+52 55 1234 0088');
    await phone.click('[data-testid="phone-start"]');
    expect(await phone.locator('[data-testid="phone-input"]').getAttribute('placeholder')).toBe(
      'Escribe un mensaje',
    );
    await phone.fill('[data-testid="phone-input"]', 'Hola, ¿tienen rosas rojas?');
    await phone.click('[data-testid="phone-send"]');
    await phone.locator('.bubble[data-from="customer"]').waitFor();
    expect(await phone.locator('[data-testid="phone-send"]').textContent()).toBe('Enviar');
    await phone.screenshot({ path: join(screenshotsDir, 'phone-page-es-390.png') });

    // The toggle: English now, and after a reload too (the chat stays).
    await phone.click('[data-testid="phone-lang"]');
    await expect.poll(() => phone.locator('[data-testid="phone-send"]').textContent()).toBe('Send');
    expect(await phone.getAttribute('html', 'lang')).toBe('en');
    await phone.reload();
    await expect.poll(() => phone.locator('[data-testid="phone-send"]').textContent()).toBe('Send');
    expect(await phone.locator('.bubble[data-from="customer"]').first().textContent()).toContain(
      'Hola, ¿tienen rosas rojas?',
    );
    await es.close();

    const en = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const englishPhone = await en.newPage();
    await englishPhone.goto(sandbox.phoneUrl);
    await expect
      .poll(() => englishPhone.locator('[data-testid="phone-start"]').textContent())
      .toBe('Start chat');
    expect(await englishPhone.locator('#phone-intro').textContent()).toBe(
      'Pretend to be a customer. Who are you?',
    );
    const toggle = englishPhone.locator('[data-testid="phone-lang"]');
    expect(await toggle.textContent()).toBe('ES');
    expect(await toggle.getAttribute('aria-label')).toContain('Español');
    await englishPhone.screenshot({ path: join(screenshotsDir, 'phone-page-en-1280.png') });
    await en.close();
  });
});

describe('sandbox: close the 24-hour window now', () => {
  it('closes the window from the thread: the composer turns template-only, here and in the simulator', async () => {
    const item = owner.locator('[data-testid="conversation-item"]').first();
    await owner.goto(`${e2e.server.url}/inbox`);
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    const indicator = owner.locator('[data-testid="window-indicator"]');
    await expect.poll(() => indicator.getAttribute('data-open')).toBe('true');
    const customers = (await (
      await fetch(
        `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers`,
      )
    ).json()) as { items: { waId: string }[] };
    const waId = customers.items[0]!.waId;
    expect(await simulatorWindowOpen(waId)).toBe(true);

    const close = owner.locator('[data-testid="sandbox-close-window"]');
    expect(await close.textContent()).toBe('Cerrar ventana ya');
    expect(await close.getAttribute('title')).toContain('Solo en números de prueba');
    await owner.screenshot({ path: join(screenshotsDir, 'sandbox-window-open-es-1280.png') });
    await close.click();

    await expect.poll(() => indicator.getAttribute('data-open')).toBe('false');
    expect(await indicator.textContent()).toBe('Ventana cerrada');
    await owner.locator('[data-testid="window-closed-notice"]').waitFor();
    await owner.locator('[data-testid="composer-choose-template"]').waitFor();
    expect(await close.count()).toBe(0);
    expect(await simulatorWindowOpen(waId)).toBe(false);
    await owner.screenshot({ path: join(screenshotsDir, 'sandbox-window-closed-es-1280.png') });

    // The same thread in English on a phone-sized screen, still template-only after a reload.
    const en = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await owner.context().storageState(),
    });
    const small = await en.newPage();
    await small.goto(owner.url());
    await small.evaluate(() => localStorage.setItem('charla.locale', 'en'));
    const patched = await small.request.patch(`${e2e.server.url}/api/me`, { data: { locale: 'en' } });
    expect(patched.status()).toBeLessThan(300);
    await small.reload();
    const smallIndicator = small.locator('[data-testid="window-indicator"]');
    await expect.poll(() => smallIndicator.textContent()).toBe('Window closed');
    await small.locator('[data-testid="window-closed-notice"]').waitFor();
    await small.screenshot({ path: join(screenshotsDir, 'sandbox-window-closed-en-390.png') });
    await en.close();
    await owner.request.patch(`${e2e.server.url}/api/me`, { data: { locale: 'es' } });
  });
});

describe('connecting a real number', () => {
  it('explains what WhatsApp’s rules mean before anything is pasted, in Spanish and English', async () => {
    await owner.goto(`${e2e.server.url}/settings/channels`);
    await owner.click('[data-testid="connect-channel-open"]');
    const rules = owner.locator('[data-testid="connect-rules"]');
    await rules.waitFor();
    const spanish = (await rules.textContent()) ?? '';
    expect(spanish).toContain('deja la app WhatsApp Business');
    expect(spanish).toContain('coexistencia');
    expect(spanish).toContain('chats anteriores no pasan a Charla');
    expect(spanish).toContain('un solo proveedor a la vez');
    // Read first: the explanation comes before the first field to paste into.
    const rulesBox = await rules.boundingBox();
    const firstField = await owner.locator('[data-testid="connect-phone-number-id"]').boundingBox();
    expect(rulesBox!.y).toBeLessThan(firstField!.y);
    await owner.screenshot({ path: join(screenshotsDir, 'connect-rules-es-1280.png') });

    const en = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await owner.context().storageState(),
    });
    const small = await en.newPage();
    await small.goto(`${e2e.server.url}/settings/channels`);
    await small.evaluate(() => localStorage.setItem('charla.locale', 'en'));
    await small.request.patch(`${e2e.server.url}/api/me`, { data: { locale: 'en' } });
    await small.reload();
    await small.click('[data-testid="connect-channel-open"]');
    const englishRules = small.locator('[data-testid="connect-rules"]');
    await englishRules.waitFor();
    const english = (await englishRules.textContent()) ?? '';
    expect(english).toContain('leaves the WhatsApp Business app');
    expect(english).toContain('coexistence');
    expect(english).toContain('old chats do not move to Charla');
    expect(english).toContain('one provider at a time');
    await small.screenshot({ path: join(screenshotsDir, 'connect-rules-en-390.png') });
    await en.close();
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpInbox } from '../../server/test/access/smtp-inbox';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

let e2e: E2eApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  e2e = await startE2eApp({ env: { SMTP_URL: inbox.url } });
});
afterAll(async () => {
  await e2e?.close();
  await inbox?.close();
});

describe('with SMTP configured', () => {
  it('"forgot password" on the sign-in page emails a link that sets a new password', async () => {
    const { server, browser } = e2e;
    const owner = await browser.newContext({ locale: 'es-ES' });
    await setUpOwnerByApi(owner.request, server.url, {
      workspaceName: 'Florería Luz',
      name: 'Carmen',
      email: 'carmen@example.com',
    });
    await owner.close();

    const page = await browser.newPage({ locale: 'es-ES' });
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid="forgot-link"]').click();
    await page.fill('#forgot-email', 'carmen@example.com');
    await page.screenshot({ path: join(screenshotsDir, 'access-forgot-page.png') });
    await page.click('[data-testid="forgot-submit"]');
    await page.locator('[data-testid="forgot-sent"]').waitFor();

    await expect.poll(() => inbox.received.length, { timeout: 10_000 }).toBe(1);
    const mail = inbox.received[0]!;
    expect(mail.to).toEqual(['carmen@example.com']);
    const link = /(http\S+\/reset-password\/\S+)/.exec(mail.text)?.[1] ?? '';
    expect(link.startsWith(server.url)).toBe(true);

    await page.goto(link);
    await page.fill('#reset-password', 'la nueva de Carmen');
    await page.click('[data-testid="reset-submit"]');
    await page.locator('[data-testid="reset-done"]').waitFor();
    await page.click('[data-testid="reset-to-login"]');
    await page.screenshot({ path: join(screenshotsDir, 'access-login-forgot-link.png') });
    await page.fill('#login-email', 'carmen@example.com');
    await page.fill('#login-password', 'la nueva de Carmen');
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL(/\/inbox/);
  });
});

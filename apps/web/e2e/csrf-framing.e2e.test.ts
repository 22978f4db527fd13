import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/test/harness/free-port';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

// A page of the same site (127.0.0.1, another port: cookies are per host, not per port, and
// SameSite=Lax lets it send them) tries everything a signed-in owner could be tricked into, and
// frames Charla. Nothing changes, and Charla shows nothing in the frame.

let e2e: E2eApp;
let evil: Server;
let evilUrl = '';

/** The attacker's page: each attempt writes its outcome into `window.attempts`. */
function attackPage(charla: string, conversationId: string): string {
  return `<!doctype html><html><body>
<h1>Win a prize</h1>
<iframe name="sink" style="display:none"></iframe>
<form id="logout" method="POST" action="${charla}/api/auth/logout" target="sink"></form>
<iframe id="framed" src="${charla}/inbox" width="600" height="400"></iframe>
<script>
window.attempts = {};
const note = (k, v) => { window.attempts[k] = v; };
document.getElementById('logout').submit();
note('formLogout', 'submitted');
fetch('${charla}/api/conversations/${conversationId}/read', { method: 'POST', mode: 'no-cors', credentials: 'include' })
  .then(() => note('markRead', 'sent'), (e) => note('markRead', 'blocked ' + e));
const form = new FormData();
form.append('file', new Blob(['phone,name\\n+5215500000001,Intruso\\n'], { type: 'text/csv' }), 'x.csv');
fetch('${charla}/api/contacts/imports', { method: 'POST', mode: 'no-cors', credentials: 'include', body: form })
  .then(() => note('csvImport', 'sent'), (e) => note('csvImport', 'blocked ' + e));
fetch('${charla}/api/auth/logout', { method: 'POST', credentials: 'include', headers: { 'X-Charla-Request': '1' } })
  .then((r) => note('fetchWithHeader', 'answered ' + r.status), (e) => note('fetchWithHeader', 'blocked'));
const ws = new WebSocket('${charla.replace('http', 'ws')}/api/realtime');
ws.onopen = () => note('websocket', 'open');
ws.onmessage = (m) => note('websocketMessage', String(m.data).slice(0, 100));
ws.onerror = () => note('websocket', 'refused');
</script></body></html>`;
}

beforeAll(async () => {
  e2e = await startE2eApp();
  const port = await freePort();
  evil = createServer();
  await new Promise<void>((resolve) => evil.listen(port, '127.0.0.1', resolve));
  evilUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
  await e2e?.close();
});

describe('a page of the same site on another port', () => {
  it('cannot sign the owner out, mark read, import contacts or open the websocket, and cannot frame Charla', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const charlaPage = await context.newPage();
    const cspErrors: string[] = [];
    charlaPage.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await setUpOwnerInBrowser(charlaPage, server.url, 'Tienda Segura');

    // A customer writes: the owner has one unread conversation.
    const api = context.request;
    const sandbox = await sandboxOf(api, server.url);
    const sent = await fetch(customerMessagesUrl(sandbox, '5215512340001'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lola', text: 'Hola' }),
    });
    expect(sent.status).toBeLessThan(300);
    type Conversations = { items: Array<{ id: string; unreadCount: number }> };
    const unread = async () =>
      ((await (await api.get(`${server.url}/api/conversations`)).json()) as Conversations).items;
    await expect.poll(async () => (await unread())[0]?.unreadCount ?? 0).toBe(1);
    const conversationId = (await unread())[0]!.id;
    // The web app itself runs under the policy without a single violation.
    await charlaPage.getByText('Lola').first().waitFor();
    expect(cspErrors).toEqual([]);

    evil.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackPage(server.url, conversationId));
    });
    const attacker = await context.newPage();
    const attackerConsole: string[] = [];
    attacker.on('console', (m: ConsoleMessage) => attackerConsole.push(m.text()));
    await attacker.goto(evilUrl);
    await expect
      .poll(() =>
        attacker.evaluate(() => {
          const a = (window as unknown as { attempts: Record<string, string> }).attempts;
          return ['markRead', 'csvImport', 'fetchWithHeader', 'websocket'].every((k) => k in a);
        }),
      )
      .toBe(true);
    const attempts = await attacker.evaluate(
      () => (window as unknown as { attempts: Record<string, string> }).attempts,
    );
    await attacker.screenshot({ path: join(screenshotsDir, 'csrf-attacker-page.png') });

    // Still signed in, still unread, no contacts imported, no socket.
    expect((await api.get(`${server.url}/api/me`)).status()).toBe(200);
    expect((await unread()).find((c) => c.id === conversationId)?.unreadCount).toBe(1);
    const contacts = (await (await api.get(`${server.url}/api/contacts?q=Intruso`)).json()) as {
      total: number;
    };
    expect(contacts.total).toBe(0);
    expect(attempts.fetchWithHeader).toBe('blocked');
    expect(attempts.websocket).toBe('refused');
    expect(attempts.websocketMessage).toBeUndefined();

    // The framed Charla shows nothing: the browser refused it (frame-ancestors 'none').
    const framed = attacker.frames().find((f) => f !== attacker.mainFrame() && f.name() !== 'sink');
    expect(framed).toBeDefined();
    expect(await framed!.locator('#root').count()).toBe(0);
    expect(attackerConsole.some((t) => /frame-ancestors|X-Frame-Options/.test(t))).toBe(true);

    // And the owner's own tab still works: a change from Charla itself goes through.
    await charlaPage.getByText('Lola').first().click();
    await expect.poll(async () => (await unread()).find((c) => c.id === conversationId)?.unreadCount).toBe(0);
    await context.close();
  });
});

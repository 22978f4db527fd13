import { existsSync } from 'node:fs';
import { type APIRequestContext, type Browser, type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`); Playwright cannot download browsers here.
 * `extraArgs`, e.g. a fake microphone for MediaRecorder tests.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!executablePath) throw new Error('Chromium not found: run `apt-get install -y chromium` (see .ci/run)');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      ...extraArgs,
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context: BrowserContext = await newContext(...args);
    addCharlaRequestHeader(context.request);
    return context;
  };
  return browser;
}

/**
 * Tests call the API with a context's `request` (sharing the page's cookie) where a person would
 * click through the web app: like the web app, those calls carry the CSRF header
 * `X-Charla-Request: 1` unless a test names it. Pages never get it: what they send is the web
 * app's own doing (or an attacker's, in csrf-framing.e2e.test.ts).
 */
function addCharlaRequestHeader(request: APIRequestContext): void {
  const proto = Object.getPrototypeOf(request) as { fetch: APIRequestContext['fetch']; charlaHeader?: true };
  if (proto.charlaHeader) return;
  proto.charlaHeader = true;
  const original = proto.fetch;
  type Options = Parameters<APIRequestContext['fetch']>[1];
  proto.fetch = function (
    this: APIRequestContext,
    urlOrRequest: Parameters<APIRequestContext['fetch']>[0],
    options: Options = {},
  ) {
    const headers = options.headers ?? {};
    const named = Object.keys(headers).some((k) => k.toLowerCase() === 'x-charla-request');
    return original.call(
      this,
      urlOrRequest,
      named ? options : { ...options, headers: { ...headers, 'x-charla-request': '1' } },
    );
  } as APIRequestContext['fetch'];
}

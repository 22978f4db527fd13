import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signWebhookBody } from '@charla/cloud-api';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Charla as a real OS process, for tests that kill it: the built server (apps/server/dist, built
 * by the suite's global setup from the sources), run as `npm start` runs it.
 */
export async function startServerProcess(
  env: Record<string, string>,
  port: number,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, output: () => output };
}

export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * The environment of a Charla process sharing `databaseUrl` with others (the two-process tests):
 * one configured number whose Graph calls go nowhere, signed with `appSecret`.
 */
export function sharedDatabaseEnv(
  databaseUrl: string,
  dataDir: string,
  appSecret: string,
): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SIMULATOR_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    SECRET_KEY: 'ef'.repeat(32),
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    WHATSAPP_WABA_ID: '102290129340398',
    WHATSAPP_ACCESS_TOKEN: 'EAAtest'.padEnd(40, 'x'),
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'verify-me-please',
    GRAPH_API_BASE_URL: 'http://127.0.0.1:9',
  };
}

/** A webhook body POSTed to a Charla process as Meta sends it: signed with the number's app secret. */
export function postSignedWebhook(baseUrl: string, body: string, appSecret: string): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(body, appSecret) },
    body,
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Broadcast, Template } from '@charla/contracts';
import { createSimulator } from '@charla/simulator';
import { freePort } from '../harness/free-port';
import { seedDataDir } from '../harness/migrated-copies';
import { kill9, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';
import { promo } from './broadcast-fixtures';

export const NUMBER = {
  phoneNumberId: '106540352242955',
  wabaId: '102290129340355',
  displayPhoneNumber: '+34 910 000 055',
  accessToken: 'EAAbroadcast'.padEnd(40, 'x'),
  appSecret: 'broadcast-app-secret-0123456789',
};

/**
 * Charla as real OS processes (killable with SIGKILL) in front of an in-process simulator that
 * plays Meta for one number, with quick status webhooks retried every 300 ms (Meta retries for
 * days; a restart is seconds here). PostgreSQL when the pg project runs, else PGlite on disk.
 */
export async function startBroadcastRig(opts: { env?: Record<string, string>; mps?: number } = {}) {
  const dataDirs: string[] = [];
  const database = await createTestDatabaseUrl();
  const simulator = createSimulator({
    statusDelaysMs: { sent: 5, delivered: 20 },
    webhookRetryDelaysMs: Array.from({ length: 2_000 }, () => 250),
    pairRateLimit: false,
    templateReviewMs: 50,
    mps: opts.mps ?? 5_000,
  });
  const simulatorUrl = await simulator.listen({ host: '127.0.0.1', port: 0 });
  const port = await freePort();
  simulator.registerNumber({
    ...NUMBER,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    throughput: 'HIGH',
  });
  // Statuses go out in batches, as Meta does under load: thousands of single POSTs a second
  // would only measure this machine's scheduler.
  simulator.setBehaviour(NUMBER.phoneNumberId, { batch: { maxUpdates: 200, windowMs: 100 } });
  const envFor = (dir: string): Record<string, string> => ({
    DATA_DIR: dir,
    SIMULATOR_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    SECRET_KEY: 'be'.repeat(32),
    WHATSAPP_PHONE_NUMBER_ID: NUMBER.phoneNumberId,
    WHATSAPP_WABA_ID: NUMBER.wabaId,
    WHATSAPP_DISPLAY_PHONE_NUMBER: NUMBER.displayPhoneNumber,
    WHATSAPP_ACCESS_TOKEN: NUMBER.accessToken,
    WHATSAPP_APP_SECRET: NUMBER.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'verify-me-please',
    GRAPH_API_BASE_URL: simulatorUrl,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...opts.env,
  });
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'charla-broadcast-'));
    if (!database) seedDataDir(dir);
    dataDirs.push(dir);
    return dir;
  };
  const mainDir = newDir();
  type Server = Awaited<ReturnType<typeof startServerProcess>>;
  const servers = new Set<Server>();
  const start = async (dir = mainDir, serverPort = port) => {
    const server = await startServerProcess(envFor(dir), serverPort);
    servers.add(server);
    return server;
  };
  let server = await start();
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceName: 'Difusión',
      name: 'Owner',
      email: 'o@example.com',
      password: 'a long password',
    }),
  });
  if (setup.status !== 200) throw new Error(`setup failed: ${await setup.text()}`);
  const cookie = String(setup.headers.get('set-cookie')).split(';')[0]!;

  const call = async (method: string, path: string, body?: unknown, base = server.url) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      // A request caught by a SIGKILL must fail, not hang the test.
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as never };
  };

  return {
    simulator,
    database,
    get server() {
      return server;
    },
    cookie,
    call,
    start,
    newDir,
    envFor,
    port,
    async restart() {
      await kill9(server.child);
      servers.delete(server);
      server = await start();
      return server;
    },
    async channelId(): Promise<string> {
      const res = await call('GET', '/api/channels');
      const list = res.json as { items?: { id: string; phoneNumberId?: string }[] } | { id: string }[];
      const items = Array.isArray(list) ? list : (list.items ?? []);
      return items[0]!.id;
    },
    /** Submits a template and waits for the simulator's review to approve it. */
    async approvedTemplate(): Promise<Template> {
      const res = await call('POST', '/api/templates', {
        wabaId: NUMBER.wabaId,
        draft: promo(),
        submit: true,
      });
      if (res.status !== 201) throw new Error(`template create failed: ${JSON.stringify(res.json)}`);
      const id = (res.json as Template).id;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const t = (await call('GET', `/api/templates/${id}`)).json as Template;
        if (t.status === 'approved') return t;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the template was not approved');
    },
    async uploadCsv(lines: string[]): Promise<string> {
      const form = new FormData();
      form.append('defaultCountry', 'ES');
      form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'audience.csv');
      const res = await fetch(`${server.url}/api/broadcasts/csv-audiences`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      const body = (await res.json()) as { uploadId: string };
      if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(body)}`);
      return body.uploadId;
    },
    async broadcast(id: string): Promise<Broadcast> {
      return (await call('GET', `/api/broadcasts/${id}`)).json;
    },
    /** Accepted template sends from the number, one entry per POST Meta accepted. */
    templateSends() {
      return simulator
        .acceptedSends({ phoneNumberId: NUMBER.phoneNumberId })
        .filter((s) => s.type === 'template');
    },
    async close() {
      for (const s of servers) await kill9(s.child);
      await simulator.close();
      await database?.drop();
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export type BroadcastRig = Awaited<ReturnType<typeof startBroadcastRig>>;

/** `n` distinct Spanish mobile numbers as CSV lines with a header and a name column. */
export function audienceCsv(n: number): string[] {
  return ['phone,name', ...Array.from({ length: n }, (_, i) => `+346${String(10_000_000 + i)},Cliente ${i}`)];
}

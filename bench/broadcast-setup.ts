/**
 * What the benches that send through one number share: the simulator playing Meta for it, the
 * settings that connect it to Charla, the owner's session, an approved template, contacts seeded
 * by SQL and a broadcast started to them, all through Charla's HTTP API as a browser does.
 */
import { createSimulator, type Simulator } from '@charla/simulator';
import { sleep } from './util';

export const NUMBER = {
  phoneNumberId: '100000000000077',
  wabaId: '200000000000077',
  displayPhoneNumber: '+34 910 000 077',
  accessToken: 'EAAbench'.padEnd(40, 'x'),
  appSecret: 'bench-broadcast-app-secret-0123',
};
/** The tag of the seeded contacts, which the broadcast's audience selects. */
export const TAG = 'bench';

/** Charla's settings that connect NUMBER, with the simulator as Graph. */
export function numberEnv(simulatorUrl: string): Record<string, string> {
  return {
    WHATSAPP_PHONE_NUMBER_ID: NUMBER.phoneNumberId,
    WHATSAPP_WABA_ID: NUMBER.wabaId,
    WHATSAPP_DISPLAY_PHONE_NUMBER: NUMBER.displayPhoneNumber,
    WHATSAPP_ACCESS_TOKEN: NUMBER.accessToken,
    WHATSAPP_APP_SECRET: NUMBER.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify-token',
    GRAPH_API_BASE_URL: simulatorUrl,
  };
}

/** Charla's whole environment as its own process (`main.ts`) on PostgreSQL, with NUMBER connected. */
export function charlaProcessEnv(opts: {
  dataDir: string;
  databaseUrl: string;
  simulatorUrl: string;
}): Record<string, string> {
  return {
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    SIMULATOR_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    SECRET_KEY: 'be'.repeat(32),
    ...numberEnv(opts.simulatorUrl),
  };
}

/**
 * The simulator in this process, playing Meta for NUMBER (HIGH throughput, `mps` sends a second
 * before 130429), posting webhooks to Charla on `charlaPort`, statuses in batches as Meta sends
 * them under load. `pairRateLimit: false` turns off the per-recipient limit (131056).
 */
export async function startNumberSimulator(opts: {
  mps: number;
  charlaPort: number;
  pairRateLimit: boolean;
}): Promise<{ simulator: Simulator; url: string }> {
  const simulator = createSimulator({
    // Meta answers statuses within a second or so; they come back as webhooks Charla ingests.
    statusDelaysMs: { sent: 50, delivered: 150 },
    ...(opts.pairRateLimit ? {} : { pairRateLimit: false as const }),
    templateReviewMs: 50,
    mps: opts.mps,
  });
  try {
    const url = await simulator.listen({ host: '127.0.0.1', port: 0 });
    simulator.registerNumber({
      ...NUMBER,
      webhookUrl: `http://127.0.0.1:${opts.charlaPort}/webhooks/whatsapp`,
      throughput: 'HIGH',
    });
    simulator.setBehaviour(NUMBER.phoneNumberId, {
      batch: { maxUpdates: 200, windowMs: 100 },
      mps: opts.mps,
    });
    return { simulator, url };
  } catch (err) {
    await simulator.close();
    throw err;
  }
}

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; json: T }>;

/** Creates the workspace and its owner (POST /api/setup); returns a JSON caller with the session. */
export async function signUpOwner(baseUrl: string): Promise<{ call: Call; cookie: string }> {
  const setup = await fetch(`${baseUrl}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceName: 'Bench',
      name: 'Owner',
      email: 'owner@example.com',
      password: 'a long bench password',
    }),
  });
  if (setup.status !== 200) throw new Error(`setup failed: ${await setup.text()}`);
  const cookie = String(setup.headers.get('set-cookie')).split(';')[0]!;
  const call: Call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      // A change made with the session cookie carries the web app's CSRF header, as the browser's do.
      headers: {
        cookie,
        'x-charla-request': '1',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
  return { call, cookie };
}

/** The id of the connected number (the workspace's first channel). */
export async function channelIdOf(call: Call): Promise<string> {
  const channels = await call<{ items?: { id: string }[] } | { id: string }[]>('GET', '/api/channels');
  const channelList = Array.isArray(channels.json) ? channels.json : (channels.json.items ?? []);
  const channelId = channelList[0]?.id;
  if (!channelId) throw new Error(`the number was not connected: ${JSON.stringify(channels.json)}`);
  return channelId;
}

/** How fast the number sends (PUT /api/broadcasts/channels/:id/rate, 1..1000 a second). */
export async function setNumberRate(call: Call, channelId: string, ratePerSecond: number): Promise<void> {
  const rate = await call('PUT', `/api/broadcasts/channels/${channelId}/rate`, { ratePerSecond });
  if (rate.status !== 200) throw new Error(`setting the rate failed: ${JSON.stringify(rate.json)}`);
}

/** A marketing template with one named variable, approved by the simulator's review. */
export async function approvedTemplate(call: Call): Promise<string> {
  const res = await call<{ id: string }>('POST', '/api/templates', {
    wabaId: NUMBER.wabaId,
    draft: {
      name: 'bench_promo',
      language: 'es',
      category: 'marketing',
      parameterFormat: 'named',
      header: null,
      body: 'Hola {{first_name}}, este fin de semana tienes un 20% en toda la tienda.',
      bodyExamples: { first_name: 'Pablo' },
      footer: null,
      buttons: [],
    },
    submit: true,
  });
  if (res.status !== 201) throw new Error(`creating the template failed: ${JSON.stringify(res.json)}`);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    const t = await call<{ status: string }>('GET', `/api/templates/${res.json.id}`);
    if (t.json.status === 'approved') return res.json.id;
  }
  throw new Error('the simulator did not approve the template within 30 s');
}

/** N contacts of the only workspace, tagged TAG, with a name, Spanish mobile numbers. */
export async function seedContacts(
  query: (text: string, params?: unknown[]) => Promise<unknown>,
  n: number,
): Promise<void> {
  await query(
    `INSERT INTO contacts (workspace_id, wa_id, phone, name, tags, opt_in_state, created_at)
     SELECT w.id, '346' || lpad(i::text, 8, '0'), '+346' || lpad(i::text, 8, '0'), 'Cliente ' || i,
            ARRAY[$2]::text[], 'unknown', now()
       FROM generate_series(0, $1 - 1) AS i, (SELECT id FROM workspaces LIMIT 1) w`,
    [n, TAG],
  );
  await query('ANALYZE contacts');
}

/** Sends the template to every contact tagged TAG now (POST /api/broadcasts); returns its id. */
export async function startBroadcast(call: Call, channelId: string, templateId: string): Promise<string> {
  const created = await call<{ id: string }>('POST', '/api/broadcasts', {
    name: 'Bench',
    channelId,
    templateId,
    audience: { kind: 'filters', filters: { tags: [TAG] } },
    variables: {
      header: null,
      headerMediaId: null,
      buttons: {},
      body: { first_name: { source: 'attribute', key: 'name', fallback: 'amigo' } },
    },
    scheduledAt: null,
    action: 'send_now',
  });
  if (created.status !== 201)
    throw new Error(`creating the broadcast failed: ${JSON.stringify(created.json)}`);
  return created.json.id;
}

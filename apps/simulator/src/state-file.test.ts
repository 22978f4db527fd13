import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from './index';
import { CUSTOMER_WA_ID, NUMBER, sendTextRequest } from './test-support/sandbox-fixture';

let dir: string;
let stateFile: string;
const clock = { now: () => Date.UTC(2026, 8, 1, 12) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charla-sim-'));
  stateFile = join(dir, 'nested', 'sandbox.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function start() {
  return createSimulator({ clock, stateFile, windowMode: 'sync', webhookRetryDelaysMs: [] });
}

describe('state file', () => {
  it('keeps numbers, chats and open windows across a restart', async () => {
    const first = start();
    first.registerNumber({ ...NUMBER, webhookUrl: 'http://127.0.0.1:9/unused' });
    first.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      text: 'hola',
      name: 'Ana',
    });
    await first.close();

    const second = start();
    try {
      expect(second.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => [m.from, m.text])).toEqual([
        ['customer', 'hola'],
      ]);
      // Sync mode would answer 131047 if the window had been forgotten.
      const reply = await second.app.inject(sendTextRequest({ text: { body: '¡Hola Ana!' } }));
      expect(reply.statusCode).toBe(200);
    } finally {
      await second.close();
    }
    const saved = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(Object.keys(saved.numbers)).toEqual([NUMBER.phoneNumberId]);
  });

  it('keeps templates and opt-outs, and reviews a template left pending', async () => {
    const first = createSimulator({ clock, stateFile, webhookRetryDelaysMs: [], templateReviewMs: 60_000 });
    first.registerNumber({ ...NUMBER, webhookUrl: 'http://127.0.0.1:9/unused' });
    const created = await first.app.inject({
      method: 'POST',
      url: `/v25.0/${NUMBER.wabaId}/message_templates`,
      headers: { authorization: `Bearer ${NUMBER.accessToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'hello',
        language: 'es',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hola, gracias por escribirnos.' }],
      }),
    });
    expect(created.statusCode).toBe(200);
    first.setMarketingOptOut(NUMBER.phoneNumberId, CUSTOMER_WA_ID, true);
    await first.close();

    const second = createSimulator({ clock, stateFile, webhookRetryDelaysMs: [], templateReviewMs: 5 });
    try {
      expect(second.templates(NUMBER.wabaId).map((t) => [t.name, t.status])).toEqual([['hello', 'PENDING']]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(second.templates(NUMBER.wabaId)[0]?.status).toBe('APPROVED');
      const saved = JSON.parse(await readFile(stateFile, 'utf8'));
      expect(Object.values(saved.customers)).toEqual([expect.objectContaining({ marketingStopped: true })]);
    } finally {
      await second.close();
    }
  });

  it('keeps BSUIDs, usernames and hidden phones: a send to the BSUID still reaches the customer', async () => {
    const first = start();
    first.registerNumber({ ...NUMBER, webhookUrl: 'http://127.0.0.1:9/unused' });
    first.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      text: 'hola',
      userId: 'MX.1234567890123456789',
      parentUserId: 'MX.ENT.1',
      username: 'ana.tacos',
      usernameOnly: true,
    });
    await first.close();

    const second = start();
    try {
      const reply = await second.app.inject(
        sendTextRequest({ to: undefined, recipient: 'MX.1234567890123456789', text: { body: '¡Hola!' } }),
      );
      expect(reply.statusCode).toBe(200);
      // The phone stays hidden after the restart: the answer names the BSUID only.
      expect(reply.json().contacts).toEqual([
        { input: 'MX.1234567890123456789', user_id: 'MX.1234567890123456789' },
      ]);
      expect(second.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => m.text)).toEqual([
        'hola',
        '¡Hola!',
      ]);
    } finally {
      await second.close();
    }
    const saved = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(Object.values(saved.customers)).toEqual([
      expect.objectContaining({ parentUserId: 'MX.ENT.1', username: 'ana.tacos', usernameOnly: true }),
    ]);
  });

  it('refuses to start on a corrupt state file instead of overwriting it', async () => {
    await rm(join(dir, 'nested'), { recursive: true, force: true });
    stateFile = join(dir, 'broken.json');
    await writeFile(stateFile, JSON.stringify({ numbers: 'oops' }));
    expect(() => start()).toThrow(/not valid/);
  });
});

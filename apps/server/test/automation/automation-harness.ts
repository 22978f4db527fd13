import type { AutomationRule, RuleInput } from '@charla/contracts';
import { expect } from 'vitest';
import { inboundTextWebhook } from '../harness/payloads';
import type { TestApp } from '../harness/test-app';

type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';

/**
 * Requests to Charla's API with a member's session: `requestsAs(() => t)(() => t.cookie)`. The app
 * and the cookie are read when a request goes (the test app starts in `beforeAll`).
 */
export const requestsAs =
  (app: () => TestApp) => (cookie: () => string) => (method: Method, url: string, payload?: object) =>
    app().app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });
type Requests = ReturnType<ReturnType<typeof requestsAs>>;

/** Automation rules through the API, as `owner`: the list, a new rule (on unless it says off), all off. */
export function rulesApi(owner: Requests) {
  const rules = async (): Promise<AutomationRule[]> =>
    (await owner('GET', '/api/automation/rules')).json().rules;
  return {
    rules,
    async createRule(input: RuleInput): Promise<AutomationRule> {
      const res = await owner('POST', '/api/automation/rules', { enabled: true, ...input });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    /** Turns every rule off, so each test sees only its own. */
    async allOff() {
      for (const r of await rules())
        if (r.enabled) await owner('PATCH', `/api/automation/rules/${r.id}`, { enabled: false });
    },
  };
}

/** A message the business sent, as the simulator got it: the fields these tests read. */
export interface Sent {
  to?: string;
  type?: string;
  text?: { body: string };
  interactive?: { body?: { text: string } };
  template?: { name: string; components?: { type: string; parameters?: { text?: string }[] }[] };
  document?: { id?: string; caption?: string; filename?: string };
  image?: { id?: string; caption?: string };
}

/**
 * Customers of the sandbox number writing from WhatsApp, and what their phones received. `app` is
 * read at each call (the test app starts in `beforeAll`); a new customer's number is `prefix` and a
 * count; `name` is the WhatsApp profile name they write with unless a call names another.
 */
export function simulatedCustomers(app: () => TestApp, o: { prefix?: string; name: string }) {
  let n = 0;
  const prefix = o.prefix ?? '34600';
  const phoneNumberId = () => app().sandbox.phoneNumberId;

  /** What the business sent this customer. */
  const sentTo = (to: string): Sent[] =>
    app()
      .simulator.sends(phoneNumberId())
      .map((s) => s.body as Sent)
      .filter((b) => b.to?.replace('+', '') === to);

  /** What the customer's phone received, as text: a text's or buttons' body, `template:<name>`, else the type. */
  const received = (to: string) =>
    sentTo(to).map(
      (b) =>
        b.text?.body ??
        b.interactive?.body?.text ??
        (b.template ? `template:${b.template.name}` : undefined) ??
        b.type ??
        '',
    );

  return {
    newCustomer: () => `${prefix}${String(++n).padStart(6, '0')}`,

    /** The customer writes through the simulator (Charla gets the webhook a moment later). */
    writes: (from: string, text: string, name = o.name) =>
      app().simulator.sendAsCustomer({ phoneNumberId: phoneNumberId(), waId: from, name, text }),

    /** The customer taps a reply button. */
    taps: (from: string, id: string, title: string) =>
      app().simulator.sendAsCustomer({
        phoneNumberId: phoneNumberId(),
        waId: from,
        message: { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } },
      }),

    /** The customer writes at the test clock's time, straight to the webhook, which takes it. */
    async writesAtClock(from: string, text: string) {
      const t = app();
      const webhook = inboundTextWebhook({
        phoneNumberId: phoneNumberId(),
        from,
        name: o.name,
        text,
        at: t.clock.now(),
      });
      expect((await t.postWebhook(webhook)).statusCode).toBe(200);
    },

    /** Resolves once Charla stored this text from the customer: its conversation and contact. */
    stored: (from: string, text: string) =>
      app().waitFor(async () => {
        const [row] = await app().container.db.query<{ id: string; contact_id: string }>(
          `SELECT c.id, c.contact_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
            JOIN messages m ON m.conversation_id = c.id AND m.text = $2 WHERE ct.wa_id = $1`,
          [from, text],
        );
        return row ? { conversationId: row.id, contactId: row.contact_id } : undefined;
      }, `"${text}" from ${from}`),

    /** The customer's conversation, once there is one. */
    conversationOf: (waId: string): Promise<string> =>
      app().waitFor(async () => {
        const [row] = await app().container.db.query<{ id: string }>(
          'SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1',
          [waId],
        );
        return row?.id;
      }, `the conversation of ${waId}`),

    sentTo,
    received,

    /** Waits until the customer received `count` messages; resolves with them, as text. */
    waitReceived: (to: string, count: number) =>
      app().waitFor(async () => received(to).length >= count && received(to), `${count} messages to ${to}`),
  };
}

/** Waits until no automatic message is left queued (each went to WhatsApp or failed). */
export async function automaticRepliesLeft(t: TestApp) {
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      "SELECT count(*) AS n FROM messages WHERE automated_by IS NOT NULL AND status = 'queued'",
    );
    return Number(row?.n) === 0;
  }, 'automatic replies to leave');
}

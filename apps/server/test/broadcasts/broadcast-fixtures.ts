import type {
  Broadcast,
  BroadcastInput,
  BroadcastRecipient,
  Template,
  TemplateDraft,
} from '@charla/contracts';
import type { TestApp } from '../harness/test-app';
import { approvedTemplate, uniqueName } from '../templates/template-fixtures';

/** A marketing template with one named body variable, no header: the usual promotion. */
export const promo = (name = uniqueName('promo')): TemplateDraft => ({
  name,
  language: 'es',
  category: 'marketing',
  parameterFormat: 'named',
  header: null,
  body: 'Hola {{first_name}}, este fin de semana tienes un 20% en toda la tienda.',
  bodyExamples: { first_name: 'Pablo' },
  footer: null,
  buttons: [],
});

/** The promo's variables: `first_name` from the contact's name ("amigo" when it has none), or fixed `text`. */
export const promoVariables = (
  opts: { text?: string; headerMediaId?: string | null } = {},
): BroadcastInput['variables'] => ({
  header: null,
  headerMediaId: opts.headerMediaId ?? null,
  buttons: {},
  body: {
    first_name:
      opts.text === undefined
        ? { source: 'attribute', key: 'name', fallback: 'amigo' }
        : { source: 'text', value: opts.text },
  },
});

export async function workspaceIdOf(t: TestApp): Promise<string> {
  const [row] = await t.container.db.query<{ id: string }>(
    'SELECT id FROM workspaces ORDER BY created_at LIMIT 1',
  );
  return row!.id;
}

/**
 * Contacts straight into the database (thousands in one statement): wa_id `prefix` + index,
 * name `Cliente <i>` for even ones (odd ones have no name), `plan` attribute on every third.
 */
export async function seedContacts(
  t: TestApp,
  n: number,
  opts: { prefix?: string; tag?: string; optedOut?: number[] } = {},
): Promise<void> {
  const ws = await workspaceIdOf(t);
  const prefix = opts.prefix ?? '34600';
  await t.container.db.query(
    `INSERT INTO contacts (workspace_id, wa_id, phone, name, tags, attributes, opt_in_state, created_at)
     SELECT $1, $2 || lpad(i::text, 6, '0'), '+' || $2 || lpad(i::text, 6, '0'),
            CASE WHEN i % 2 = 0 THEN 'Cliente ' || i END, ARRAY[$3]::text[],
            CASE WHEN i % 3 = 0 THEN jsonb_build_object('plan', 'oro') ELSE '{}'::jsonb END,
            CASE WHEN i = ANY($5::int[]) THEN 'opted_out' ELSE 'unknown' END,
            now() + i * interval '1 millisecond'
       FROM generate_series(0, $4 - 1) AS i`,
    [ws, prefix, opts.tag ?? 'vip', n, opts.optedOut ?? []],
  );
}

export function broadcastsApi(t: TestApp, cookie = t.cookie) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return {
    call,
    create: (input: BroadcastInput & { action: 'draft' | 'schedule' | 'send_now' }) =>
      call('POST', '/api/broadcasts', input),
    get: async (id: string): Promise<Broadcast> => (await call('GET', `/api/broadcasts/${id}`)).json(),
    recipients: async (id: string, query = ''): Promise<BroadcastRecipient[]> => {
      const items: BroadcastRecipient[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(
          'GET',
          `/api/broadcasts/${id}/recipients?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = res.json() as { items: BroadcastRecipient[]; nextCursor: string | null };
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
    /** Polls until `ok`; on a timeout the error shows the broadcast as last seen. */
    until: async (
      id: string,
      ok: (b: Broadcast) => boolean,
      what: string,
      timeoutMs = 20_000,
      intervalMs = 25,
    ) => {
      let last: Broadcast | null = null;
      try {
        return await t.waitFor(
          async () => {
            last = (await call('GET', `/api/broadcasts/${id}`)).json() as Broadcast;
            return ok(last) && last;
          },
          what,
          timeoutMs,
          intervalMs,
        );
      } catch (err) {
        const seen = last as Broadcast | null;
        const recipients = seen
          ? await t.container.db.query(
              'SELECT state, count(*)::int AS n, min(error_reason) AS reason FROM broadcast_recipients WHERE broadcast_id = $1 GROUP BY state',
              [id],
            )
          : [];
        throw new Error(
          `${(err as Error).message}; last seen: ${seen?.status} ${JSON.stringify(seen?.counts)}; rows: ${JSON.stringify(recipients)}`,
        );
      }
    },
  };
}

/** The simulator's log of accepted template sends from the sandbox number. */
export async function templateSends(
  t: TestApp,
): Promise<{ at: string; to: string; callback: string | null }[]> {
  const res = await fetch(`${t.simulatorUrl}/_sim/sends?phoneNumberId=${t.sandbox.phoneNumberId}`);
  const { items } = (await res.json()) as {
    items: {
      at: string;
      responseStatus: number;
      body: { type?: string; to?: string; biz_opaque_callback_data?: string };
    }[];
  };
  return items
    .filter((i) => i.responseStatus === 200 && i.body.type === 'template')
    .map((i) => ({
      at: i.at,
      to: String(i.body.to).replace(/^\+/, ''),
      callback: i.body.biz_opaque_callback_data ?? null,
    }));
}

/**
 * An approved template: submitted to the simulator and approved by its review when the simulator
 * manages templates; otherwise stored as approved directly (the send itself still goes to it).
 */
export async function approvedPromo(t: TestApp, draft: TemplateDraft = promo()): Promise<Template> {
  try {
    return await approvedTemplate(t, draft);
  } catch (err) {
    if (!String(err).includes('not found')) throw err;
  }
  const ws = await workspaceIdOf(t);
  const [row] = await t.container.db.query<{ id: string }>(
    `INSERT INTO templates (workspace_id, waba_id, name, language, category, parameter_format, header, body,
                            body_examples, footer, buttons, status, quality, external_id, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10, $11::jsonb, 'approved', 'green', $12, now())
     RETURNING id`,
    [
      ws,
      t.sandbox.wabaId,
      draft.name,
      draft.language,
      draft.category,
      draft.parameterFormat,
      draft.header ? JSON.stringify(draft.header) : null,
      draft.body,
      JSON.stringify(draft.bodyExamples),
      draft.footer,
      JSON.stringify(draft.buttons),
      `tpl-${draft.name}`,
    ],
  );
  const res = await t.app.inject({ url: `/api/templates/${row!.id}`, headers: { cookie: t.cookie } });
  return res.json();
}

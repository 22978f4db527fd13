import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type IncomingAction, IncomingMappingSchema, valueAt } from '@charla/contracts';
import { sha256Hex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { enrollInSequence, startFlowForCustomer } from '../automation';
import { findOrAddContact, sendToCustomer, workspaceViewer } from '../inbox';
import type { IntegrationsDeps } from './integrations.deps';

/** Payloads kept per trigger for people mapping fields. */
export const KEPT_PAYLOADS = 50;
/** A payload bigger than this is refused (an order is a few kilobytes). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Headers senders put their delivery id in: a retry of one delivery is acted on once. */
const DEDUPE_HEADERS = ['idempotency-key', 'webhook-id', 'x-shopify-webhook-id', 'x-wc-webhook-delivery-id'];

interface Trigger {
  id: string;
  workspace_id: string;
  name: string;
  secret_sealed: string;
  channel_id: string;
  action: IncomingAction;
  mapping: unknown;
  enabled: boolean;
}

export interface Received {
  outcome: 'sent' | 'enrolled' | 'started' | 'duplicate';
  messageId: string | null;
  contactId: string | null;
}

/** `billing.phone`, `$.billing.phone` and `items[0].sku` as the dotted path valueAt reads. */
export const readPath = (json: unknown, path: string) =>
  valueAt(json, path.replace(/^\$\./, '').replace(/\[(\d+)\]/g, '.$1'));

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * A payload posted to a trigger's address: checked against the trigger's secret (the header
 * `X-Charla-Secret`, or `X-Charla-Signature: sha256=<hex HMAC-SHA256 of the body>`), kept for the
 * mapping screen, and acted on once per sender delivery id: the customer's phone and name and the
 * template's variables read from the mapped paths, then the template sent (through the inbox and
 * outbox, as "Integration «name»"), the contact enrolled in the sequence or the bot started. What went wrong is
 * answered to the sender and kept with the payload.
 */
export async function receivePayload(
  deps: IntegrationsDeps,
  token: string,
  raw: string,
  headers: Record<string, string | string[] | undefined>,
): Promise<Received> {
  const [trigger] = await deps.db.query<Trigger & Record<string, unknown>>(
    `SELECT id, workspace_id, name, secret_sealed, channel_id, action, mapping, enabled
       FROM incoming_triggers WHERE token_hash = $1`,
    [sha256Hex(token)],
  );
  if (!trigger)
    throw new AppError(
      'not_found',
      'trigger_not_found',
      'No trigger has this address; copy it again from Charla (Settings › Integrations).',
    );
  if (!validSecret(deps.secrets.decrypt(trigger.secret_sealed), raw, headers)) {
    throw new AppError(
      'unauthorized',
      'invalid_secret',
      "Send the trigger's secret in the X-Charla-Secret header, or sign the body with it: X-Charla-Signature: sha256=<hex HMAC-SHA256>.",
    );
  }
  if (!trigger.enabled)
    throw new AppError(
      'conflict',
      'trigger_off',
      'This trigger is turned off in Charla; turn it on to act on payloads.',
    );
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError(
      'invalid',
      'invalid_json',
      'The body is not JSON; send the payload as application/json.',
    );
  }
  const now = deps.clock.now();
  const dedupeKey = DEDUPE_HEADERS.map((h) => headers[h]).find(
    (v) => typeof v === 'string' && v.length > 0,
  ) as string | undefined;
  if (dedupeKey) {
    const [seen] = await deps.db.query<{
      outcome: Received['outcome'] | 'failed';
      message_id: string | null;
      contact_id: string | null;
    }>(
      'SELECT outcome, message_id, contact_id FROM incoming_payloads WHERE trigger_id = $1 AND dedupe_key = $2',
      [trigger.id, dedupeKey.slice(0, 200)],
    );
    if (seen && seen.outcome !== 'failed') {
      await keep(deps, trigger, {
        body,
        outcome: 'duplicate',
        detail: `Delivery ${dedupeKey} was received before.`,
        at: now,
      });
      return { outcome: 'duplicate', messageId: seen.message_id, contactId: seen.contact_id };
    }
  }
  try {
    const done = await act(deps, trigger, body);
    await keep(deps, trigger, { body, dedupeKey, ...done, at: now });
    return done;
  } catch (error) {
    await keep(deps, trigger, {
      body,
      outcome: 'failed',
      detail: error instanceof AppError ? error.message : 'Something went wrong on our side.',
      at: now,
    });
    throw error;
  }
}

function validSecret(
  secret: string,
  raw: string,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  const given = headers['x-charla-secret'];
  if (typeof given === 'string' && same(given, secret)) return true;
  const signature = headers['x-charla-signature'];
  if (typeof signature !== 'string' || !signature.startsWith('sha256=')) return false;
  return same(signature.slice(7).toLowerCase(), createHmac('sha256', secret).update(raw).digest('hex'));
}

async function act(deps: IntegrationsDeps, trigger: Trigger, body: unknown): Promise<Received> {
  const mapping = IncomingMappingSchema.parse(trigger.mapping);
  const phone = text(readPath(body, mapping.phone));
  if (!phone) {
    throw new AppError(
      'unprocessable',
      'phone_missing',
      `The payload has no phone number at ${mapping.phone}; fix the mapping in Charla or the payload.`,
      [{ path: mapping.phone, message: 'No phone number here' }],
    );
  }
  const name = mapping.name ? text(readPath(body, mapping.name)) || null : null;
  const by = { kind: 'integration' as const, id: trigger.id, name: trigger.name };
  if (trigger.action.kind === 'template') {
    const values = {
      header: null as string | null,
      headerMediaId: null,
      body: {} as Record<string, string>,
      buttons: {} as Record<string, string>,
    };
    const missing: string[] = [];
    const read = (path: string) => {
      const v = text(readPath(body, path));
      if (!v) missing.push(path);
      return v;
    };
    if (mapping.values.header) values.header = read(mapping.values.header);
    for (const [variable, path] of Object.entries(mapping.values.body)) values.body[variable] = read(path);
    for (const [index, path] of Object.entries(mapping.values.buttons)) values.buttons[index] = read(path);
    if (missing.length > 0) {
      throw new AppError(
        'unprocessable',
        'values_missing',
        `The payload has no value at ${missing.join(', ')} for the template's variables.`,
        missing.map((p) => ({ path: p, message: 'No value here' })),
      );
    }
    const sent = await sendToCustomer(
      deps.inbox,
      { workspaceId: trigger.workspace_id, by },
      {
        channelId: trigger.channel_id,
        to: phone,
        name,
        message: { type: 'template', template: { templateId: trigger.action.templateId, values } },
        messageId: randomUUID(),
      },
    );
    return { outcome: 'sent', messageId: sent.message.id, contactId: sent.contactId };
  }
  if (trigger.action.kind === 'flow') {
    const started = await startFlowForCustomer(
      deps,
      { ...workspaceViewer(trigger.workspace_id), label: `Integration «${trigger.name}»` },
      trigger.action.flowId,
      { channelId: trigger.channel_id, to: phone, name, path: mapping.phone },
    );
    return { outcome: 'started', messageId: null, contactId: started.contactId };
  }
  const contact = await findOrAddContact(deps.inbox, trigger.workspace_id, phone, {
    name,
    path: mapping.phone,
  });
  const { sequenceId } = trigger.action;
  const result = await deps.db.transaction((query) =>
    enrollInSequence(query, {
      workspaceId: trigger.workspace_id,
      sequenceId,
      contactIds: [contact.id],
      by: 'api',
      at: deps.clock.now(),
    }),
  );
  if ('refused' in result) {
    throw new AppError(
      'conflict',
      result.refused,
      result.refused === 'sequence_off'
        ? 'The sequence is turned off in Charla.'
        : 'The sequence no longer exists.',
    );
  }
  if (result.optedOut > 0)
    throw new AppError(
      'unprocessable',
      'opted_out',
      'This customer opted out of messages; they were not enrolled.',
    );
  if (result.enrolled > 0) deps.wakeAutomation();
  return { outcome: 'enrolled', messageId: null, contactId: contact.id };
}

async function keep(
  deps: IntegrationsDeps,
  trigger: Trigger,
  p: {
    body: unknown;
    outcome: string;
    detail?: string | null;
    dedupeKey?: string | undefined;
    messageId?: string | null;
    contactId?: string | null;
    at: Date;
  },
) {
  await deps.db.query(
    `WITH ins AS (
       INSERT INTO incoming_payloads (trigger_id, workspace_id, dedupe_key, body, outcome, detail, message_id, contact_id, received_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) ON CONFLICT (trigger_id, dedupe_key) DO NOTHING RETURNING id)
     , t AS (UPDATE incoming_triggers SET last_received_at = $9 WHERE id = $1)
     DELETE FROM incoming_payloads WHERE trigger_id = $1 AND id NOT IN (
       SELECT id FROM incoming_payloads WHERE trigger_id = $1 ORDER BY id DESC LIMIT ${KEPT_PAYLOADS - 1})
       AND NOT EXISTS (SELECT 1 FROM ins WHERE ins.id = incoming_payloads.id)`,
    [
      trigger.id,
      trigger.workspace_id,
      p.outcome === 'duplicate' || p.outcome === 'failed' ? null : (p.dedupeKey?.slice(0, 200) ?? null),
      JSON.stringify(p.body),
      p.outcome,
      p.detail ?? null,
      p.messageId ?? null,
      p.contactId ?? null,
      p.at,
    ],
  );
}

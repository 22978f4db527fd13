import { parseWebhook } from '@charla/cloud-api';
import type { Query } from '../../../platform/db/database';
import { toPgSafeText } from '../../../platform/db/pg-safe';
import {
  applyPendingReactions,
  applyStoredStatuses,
  type DeliveryUpdate,
  type InboundMessage,
  type InboundReaction,
  type InboxChange,
  type MarketingPreference,
  type RecordedInbound,
  recordInbound,
} from '../../inbox';
import type { TemplateEvent } from '../../templates';
import type { ChannelDirectory, ChannelRecord } from '../channel-directory';
import type { ChannelsDeps } from '../channels.deps';
import { mapTemplateUpdate } from './map-template-webhook';
import { MAX_FUTURE_SKEW_MS, mapCallsUpdate, mapWebhookUpdate } from './map-webhook';
import { isWhatsAppId } from './whatsapp-ids';

export interface IngestDeps extends ChannelsDeps {
  directory: ChannelDirectory;
  notify(changes: InboxChange[]): Promise<void>;
  /**
   * Tells the media download worker that files were just stored, after commit. Without it (a
   * bare worker, as in bench/ingest.ts) the download worker's poll finds them later.
   */
  wakeMediaDownloads?(): void;
  /** Queues the sending of outbound messages the batch created (opt-out confirmations), after commit. */
  queueSends?(messageIds: string[]): Promise<void>;
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Sees every status of a batch inside its transaction (broadcasts reconcile sends in doubt by callback data). */
  onStatuses?(query: Query, statuses: DeliveryUpdate[]): Promise<void>;
  /**
   * Sees the customer's new messages in the batch's transaction (automation queues them there, so
   * none is lost or seen twice); answers how many it took, to be woken after commit.
   */
  onInbound?(query: Query, recorded: RecordedInbound): Promise<number>;
  /** After commit, when `onInbound` took messages. */
  wakeAutomation?(): void;
  /**
   * Sees the batch's new messages and statuses in its transaction (outgoing webhooks queue their
   * deliveries there); answers how many it queued, to be woken after commit.
   */
  onEvents?(query: Query, recorded: RecordedInbound, statuses: DeliveryUpdate[]): Promise<number>;
  /** After commit, when `onEvents` queued something. */
  wakeEvents?(): void;
  /** Template status/quality/category webhooks: applied in the batch's transaction, announced after commit. */
  templates?: { apply(query: Query, events: TemplateEvent[]): Promise<void>; flush(): Promise<void> };
}

type Recorded = RecordedInbound & { automationQueued?: number; eventsQueued?: number };

interface EventRow {
  id: number;
  raw_body: string;
  received_at: Date;
  /** Channels whose own app secret verified the body on arrival; null on rows stored before that rule. */
  signed_for: string[] | null;
}

/** Whether webhooks are stored but not applied yet (their statuses may settle broadcast sends in doubt). */
export async function hasPendingWebhooks(db: IngestDeps['db']): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM webhook_events WHERE status = 'pending' LIMIT 1");
  return rows.length > 0;
}

/**
 * Takes up to `limit` pending webhook events and applies them in ONE transaction: a few
 * statements for the whole batch, whatever its size. If the batch fails, each event is
 * retried alone so one poisonous event cannot hold the others back. Returns how many events
 * were taken.
 */
export async function ingestPendingWebhooks(deps: IngestDeps, limit = 500): Promise<number> {
  let recorded: Recorded = { changes: [], newMediaIds: [] };
  let taken = 0;
  // Looked up before the transaction: on PGlite (one connection) a query outside the open
  // transaction would wait for it forever.
  const channels = await channelsByPhoneNumberId(deps);
  try {
    await deps.db.transaction(async (query) => {
      const events = await lockPending(query, limit);
      taken = events.length;
      recorded = await applyEvents(deps, channels, query, events);
    });
  } catch (err) {
    deps.log.warn({ err }, 'webhook batch failed; retrying its events one by one');
    taken = await ingestOneByOne(deps, limit);
    return taken;
  }
  await afterCommit(deps, recorded);
  return taken;
}

async function afterCommit(deps: IngestDeps, recorded: Recorded) {
  if (recorded.newMediaIds.length > 0) deps.wakeMediaDownloads?.();
  if (recorded.automationQueued) deps.wakeAutomation?.();
  if (recorded.eventsQueued) deps.wakeEvents?.();
  if (recorded.queuedSendIds?.length && deps.queueSends) {
    await deps
      .queueSends(recorded.queuedSendIds)
      .catch((err) => deps.log.error({ err }, 'queueing replies failed; the sweep will retry'));
  }
  // A send storing its wamid while the batch ran could not see these statuses and reactions,
  // nor they it: whichever commits second applies them.
  const late = await applyStoredStatuses(deps.db.query, recorded.unsettledStatuses ?? []).catch((err) => {
    deps.log.error({ err }, 'settling statuses after commit failed');
    return [];
  });
  const lateReactions = await applyPendingReactions(deps.db.query, recorded.reactionTargets ?? []).catch(
    (err) => {
      deps.log.error({ err }, 'applying reactions after commit failed');
      return [];
    },
  );
  await deps.notify([...recorded.changes, ...late, ...lateReactions]);
  await deps.templates?.flush();
}

/** Errors quote the payload (an unknown phone number id...): keep them short and storable. */
const toEventError = (text: string) => toPgSafeText(text.length > 2000 ? `${text.slice(0, 2000)}…` : text);

const lockPending = (query: Query, limit: number) =>
  query<EventRow & Record<string, unknown>>(
    `SELECT id, raw_body, received_at, signed_for FROM webhook_events WHERE status = 'pending'
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );

const channelsByPhoneNumberId = async (deps: IngestDeps) =>
  new Map((await deps.directory.all()).map((c) => [c.phoneNumberId, c]));

async function ingestOneByOne(deps: IngestDeps, limit: number): Promise<number> {
  const channels = await channelsByPhoneNumberId(deps);
  let done = 0;
  for (let i = 0; i < limit; i++) {
    let recorded: Recorded = { changes: [], newMediaIds: [] };
    let found = false;
    try {
      await deps.db.transaction(async (query) => {
        const events = await lockPending(query, 1);
        found = events.length > 0;
        recorded = await applyEvents(deps, channels, query, events);
      });
    } catch (err) {
      // The poisonous one: park it with its error so it is reported, not lost, and move on.
      await deps.db.query(
        `UPDATE webhook_events SET status = 'failed', attempts = attempts + 1, error = $1
          WHERE id = (SELECT id FROM webhook_events WHERE status = 'pending' ORDER BY id LIMIT 1)`,
        [toEventError(String((err as Error).message ?? err))],
      );
      deps.log.error({ err }, 'webhook event failed to ingest');
      found = true;
    }
    if (!found) break;
    done++;
    await afterCommit(deps, recorded);
  }
  return done;
}

async function applyEvents(
  deps: IngestDeps,
  channels: Map<string, ChannelRecord>,
  query: Query,
  events: EventRow[],
): Promise<Recorded> {
  if (events.length === 0) return { changes: [], newMediaIds: [] };
  const messages: InboundMessage[] = [];
  const statuses: DeliveryUpdate[] = [];
  const reactions: InboundReaction[] = [];
  const preferences: MarketingPreference[] = [];
  const templateEvents: TemplateEvent[] = [];
  const notes: { id: number; note: string }[] = [];
  const processed: number[] = [];
  const failed: { id: number; error: string }[] = [];
  for (const event of events) {
    const parsed = parseWebhook(JSON.parse(event.raw_body));
    if (!parsed.ok) {
      failed.push({ id: event.id, error: parsed.reason });
      continue;
    }
    const unknown: string[] = [];
    const unsigned: string[] = [];
    const refused: string[] = [];
    const receivedAt = new Date(event.received_at);
    // A change applies only to a channel whose own app secret signed the body (see receiveWebhook).
    const signedFor = event.signed_for ? new Set(event.signed_for) : null;
    const signed = (c: ChannelRecord | undefined): c is ChannelRecord =>
      c !== undefined && (signedFor === null || signedFor.has(c.id));
    for (const update of parsed.updates) {
      if (update.templateUpdates?.length) {
        const ofWaba = [...channels.values()].filter((c) => c.wabaId === update.wabaId);
        if (ofWaba.length > 0 && !ofWaba.some(signed)) unsigned.push(`business account ${update.wabaId}`);
        else templateEvents.push(...mapTemplateUpdate(update));
        continue;
      }
      if (update.field === 'user_preferences' && update.phoneNumberId) {
        // Marketing stop/resume (reference §5.7); a number not connected here is not ours to record.
        const channel = channels.get(update.phoneNumberId);
        if (channel && !signed(channel)) {
          unsigned.push(`phone number id ${update.phoneNumberId}`);
          continue;
        }
        // An unreadable item (no wa_id, …) is skipped with a note; the others still apply.
        for (const note of channel ? (update.skippedItems ?? []) : []) notes.push({ id: event.id, note });
        for (const p of channel ? (update.userPreferences ?? []) : []) {
          if (!isWhatsAppId(p.wa_id)) {
            refused.push(
              `marketing ${p.value} not recorded: ${JSON.stringify(p.wa_id)} is not a WhatsApp id (7 to 15 digits)`,
            );
            continue;
          }
          const at = new Date(Number(p.timestamp) * 1000);
          preferences.push({
            workspaceId: channel!.workspaceId,
            channelId: channel!.id,
            waId: p.wa_id,
            value: p.value,
            // Meta's time, unless missing or in the future (a stop/resume may be older than any retry).
            at:
              at.getTime() > 0 && at.getTime() <= receivedAt.getTime() + MAX_FUTURE_SKEW_MS ? at : receivedAt,
          });
        }
        continue;
      }
      if (update.field === 'calls' && update.phoneNumberId) {
        // A customer's WhatsApp call: one readable line in the thread (Charla does not answer calls).
        const channel = channels.get(update.phoneNumberId);
        if (!channel) continue;
        if (!signed(channel)) {
          unsigned.push(`phone number id ${update.phoneNumberId}`);
          continue;
        }
        const mapped = mapCallsUpdate(update, channel, receivedAt);
        messages.push(...mapped.messages);
        for (const note of mapped.skipped) notes.push({ id: event.id, note });
        continue;
      }
      if (update.field !== 'messages' || !update.phoneNumberId) continue;
      const channel = channels.get(update.phoneNumberId);
      if (!channel) {
        unknown.push(update.phoneNumberId);
        continue;
      }
      if (!signed(channel)) {
        unsigned.push(`phone number id ${update.phoneNumberId}`);
        continue;
      }
      const mapped = mapWebhookUpdate(update, channel, receivedAt);
      refused.push(...mapped.refused);
      messages.push(...mapped.messages);
      statuses.push(...mapped.statuses);
      reactions.push(...mapped.reactions);
      for (const note of mapped.skipped) notes.push({ id: event.id, note });
    }
    const errors = [
      ...(unknown.length > 0
        ? [
            `No connected channel has phone number id ${unknown.join(', ')}: its changes were not applied. Connect it to receive what Meta sends next.`,
          ]
        : []),
      ...(unsigned.length > 0
        ? [
            `Not applied for ${unsigned.join(', ')}: the app secret that signed this webhook is not that number's own (it was connected after the webhook arrived, or the body was forged).`,
          ]
        : []),
      ...refused.map((r) => `${r[0]!.toUpperCase()}${r.slice(1)}.`),
    ];
    if (errors.length > 0) failed.push({ id: event.id, error: errors.join(' ') });
    else processed.push(event.id);
  }
  const recorded: Recorded = await recordInbound(query, {
    messages,
    statuses,
    reactions,
    preferences,
    receivedAt: deps.clock.now(),
  });
  if (deps.onInbound && recorded.inboundIds?.length)
    recorded.automationQueued = await deps.onInbound(query, recorded);
  if (deps.onStatuses && statuses.length > 0) await deps.onStatuses(query, statuses);
  if (deps.onEvents && (recorded.inboundIds?.length || statuses.length > 0))
    recorded.eventsQueued = await deps.onEvents(query, recorded, statuses);
  if (deps.templates && templateEvents.length > 0) await deps.templates.apply(query, templateEvents);
  await query(
    `UPDATE webhook_events SET status = 'processed', processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
    [processed],
  );
  for (const f of failed) {
    await query(
      `UPDATE webhook_events SET status = 'failed', attempts = attempts + 1, error = $2 WHERE id = $1`,
      [f.id, toEventError(f.error)],
    );
    deps.log.warn({ eventId: f.id, reason: f.error }, 'webhook event not ingested');
  }
  if (notes.length > 0) {
    // Processed, but some of it could not be stored: said on the event, for whoever looks.
    const byEvent = new Map<number, string[]>();
    for (const n of notes) byEvent.set(n.id, [...(byEvent.get(n.id) ?? []), n.note]);
    await query(
      `UPDATE webhook_events e SET error = v.note FROM unnest($1::bigint[], $2::text[]) AS v(id, note) WHERE e.id = v.id`,
      [[...byEvent.keys()], [...byEvent.values()].map((list) => toEventError(list.join('; ')))],
    );
  }
  return recorded;
}

import type { Query } from '../../../platform/db/database';
import { toPgJson, toPgJsonOr, toPgSafeText } from '../../../platform/db/pg-safe';
import { adoptReportedWaIds, contactEvents } from '../../contacts';
import { autoAssignConversations } from '../conversations/auto-assign';
import { recordConversationEvents } from '../conversations/conversation-events';
import { matchSurveyAnswers, recordSurveyAnswers } from '../csat/survey-answers';
import { applyIdentityChange, linkSenderIdentities, recordSenderDetails } from '../customers/link-identities';
import {
  applyConsentKeywords,
  applyMarketingPreferences,
  type MarketingPreference,
} from '../customers/opt-out-record';
import type { DeliveryUpdate, InboundMessage, InboundReaction, InboxChange } from '../inbox.ports';
import { assignMediaIds, storedContent, storeMedia } from '../media/store-inbound-media';
import { applyStatusReports, type MessageKey } from './move-to-statuses';
import { recordReactions } from './record-reactions';

export interface RecordedInbound {
  changes: InboxChange[];
  /** Media rows created pending: the channel fetches their bytes once the transaction commits. */
  newMediaIds: string[];
  /** Outbound messages queued here (opt-out confirmations, a survey's next line): their sending is queued after commit. */
  queuedSendIds?: string[];
  /** Statuses whose message this transaction could not move: settle them after commit (`applyStoredStatuses`). */
  unsettledStatuses?: MessageKey[];
  /** The messages this batch's reactions are for: applied again after commit (`applyPendingReactions`). */
  reactionTargets?: MessageKey[];
  /** The customer's messages stored by this batch (not duplicates), for automation. */
  inboundIds?: string[];
  /** Conversations this batch created, and those it reopened (resolved or snoozed before). */
  createdConversationIds?: string[];
  reopenedConversationIds?: string[];
}

/**
 * Stores a batch of customer messages, delivery updates and reactions in a handful of
 * statements, inside the caller's transaction. Idempotent: a message already stored (same
 * channel and external id) is skipped, statuses only move forward and reactions only get
 * newer, so Meta's duplicates and out-of-order deliveries leave the same result as a clean
 * delivery.
 */
export async function recordInbound(
  query: Query,
  batch: {
    messages: InboundMessage[];
    statuses: DeliveryUpdate[];
    reactions?: InboundReaction[];
    /** Marketing opt-outs/ins the channel reported (WhatsApp's user_preferences). */
    preferences?: MarketingPreference[];
    /** When Charla took the batch: a conversation it sets waiting waits from then. */
    receivedAt?: Date;
  },
): Promise<RecordedInbound> {
  const changes: InboxChange[] = [];
  let newMediaIds: string[] = [];
  let queuedSendIds: string[] = [];
  let stored: { channelId: string; externalId: string }[] = [];
  let opened: Pick<RecordedInbound, 'inboundIds' | 'createdConversationIds' | 'reopenedConversationIds'> = {};
  // Made storable before anything is keyed on them, so two ids that differ only in what
  // PostgreSQL refuses cannot collide halfway through.
  const messages = batch.messages.map(toStorableMessage);
  const statuses = batch.statuses.map((u) => ({ ...u, externalId: toPgSafeText(u.externalId) }));
  const reactions = (batch.reactions ?? []).map((r) => ({
    ...r,
    targetExternalId: toPgSafeText(r.targetExternalId),
    emoji: toPgSafeText(r.emoji),
  }));
  if (messages.length > 0) {
    const result = await storeMessages(query, messages, batch.receivedAt ?? new Date());
    changes.push(...result.changes);
    newMediaIds = result.newMediaIds;
    stored = result.stored;
    opened = result.opened;
    // A message that is exactly STOP/BAJA... (the workspace's keywords) opts the contact out.
    const consent = await applyConsentKeywords(query, result.changes);
    changes.push(...consent.changes);
    queuedSendIds = [...consent.replyIds, ...result.surveyReplyIds];
  }
  if (batch.preferences?.length) changes.push(...(await applyMarketingPreferences(query, batch.preferences)));
  let unsettledStatuses: MessageKey[] = [];
  if (statuses.length > 0) {
    const applied = await applyStatusReports(query, statuses);
    changes.push(...applied.changes);
    unsettledStatuses = applied.unsettled;
  }
  if (reactions.length > 0 || stored.length > 0) {
    changes.push(...(await recordReactions(query, reactions, stored)));
  }
  const reactionTargets = reactions.map((r) => ({ channelId: r.channelId, externalId: r.targetExternalId }));
  return { changes, newMediaIds, queuedSendIds, unsettledStatuses, reactionTargets, ...opened };
}

function toStorableMessage(m: InboundMessage): InboundMessage {
  return {
    ...m,
    externalId: toPgSafeText(m.externalId),
    text: toPgSafeText(m.text),
    replyToExternalId: toPgSafeText(m.replyToExternalId),
    content: JSON.parse(toPgJson(m.content)),
    contact: {
      waId: toPgSafeText(m.contact.waId),
      userId: toPgSafeText(m.contact.userId),
      phone: toPgSafeText(m.contact.phone),
      profileName: toPgSafeText(m.contact.profileName),
      parentUserId: toPgSafeText(m.contact.parentUserId ?? null),
      username: toPgSafeText(m.contact.username ?? null),
    },
  };
}

const contactKey = (workspaceId: string, c: InboundMessage['contact']) =>
  `${workspaceId}|${c.waId ? `w:${c.waId}` : `u:${c.userId}`}`;

async function upsertContacts(
  query: Query,
  messages: InboundMessage[],
  at: Date,
): Promise<{ ids: Map<string, string>; changes: InboxChange[] }> {
  const byKey = new Map<string, InboundMessage>();
  for (const m of messages) byKey.set(contactKey(m.workspaceId, m.contact), m);
  // A user id goes with one number: a second number naming it in the same batch does not take it.
  const userIdOwner = new Map<string, string>();
  for (const m of byKey.values())
    if (m.contact.userId && !userIdOwner.has(`${m.workspaceId}|${m.contact.userId}`))
      userIdOwner.set(`${m.workspaceId}|${m.contact.userId}`, contactKey(m.workspaceId, m.contact));
  const userIdOf = (m: InboundMessage) =>
    m.contact.userId &&
    userIdOwner.get(`${m.workspaceId}|${m.contact.userId}`) === contactKey(m.workspaceId, m.contact)
      ? m.contact.userId
      : null;
  const withPhone = [...byKey.values()].filter((m) => m.contact.waId);
  const userOnly = [...byKey.values()].filter((m) => !m.contact.waId && m.contact.userId);
  const ids = new Map<string, string>();
  const run = async (rows: InboundMessage[], conflict: 'wa_id' | 'user_id') => {
    if (rows.length === 0) return;
    const result = await query<{
      id: string;
      workspace_id: string;
      wa_id: string | null;
      user_id: string | null;
      inserted?: boolean;
    }>(
      `INSERT INTO contacts (workspace_id, wa_id, user_id, phone, profile_name, name)
       SELECT w, wa, u, p, n, n FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(w, wa, u, p, n)
       ON CONFLICT (workspace_id, ${conflict}) DO UPDATE
         SET profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name),
             name = COALESCE(contacts.name, EXCLUDED.profile_name),
             updated_at = now()
         -- A contact whose WhatsApp name is unchanged is only locked, not written again.
         WHERE EXCLUDED.profile_name IS NOT NULL
           AND (contacts.profile_name IS DISTINCT FROM EXCLUDED.profile_name OR contacts.name IS NULL)
       RETURNING id, workspace_id, wa_id, user_id, (xmax = 0) AS inserted`,
      [
        rows.map((m) => m.workspaceId),
        rows.map((m) => toPgSafeText(m.contact.waId)),
        rows.map(userIdOf),
        rows.map((m) => toPgSafeText(m.contact.phone)),
        rows.map((m) => toPgSafeText(m.contact.profileName)),
      ],
    );
    // Keyed by the column it was found by: a contact found by its user id may also have a phone.
    const keyOfRow = (r: (typeof result)[number]) =>
      conflict === 'wa_id' ? `${r.workspace_id}|w:${r.wa_id}` : `${r.workspace_id}|u:${r.user_id}`;
    const written = new Set(result.map(keyOfRow));
    const unchanged = rows.filter((m) => !written.has(contactKey(m.workspaceId, m.contact)));
    if (unchanged.length > 0)
      result.push(
        ...(await query<(typeof result)[number]>(
          `SELECT c.id, c.workspace_id, c.wa_id, c.user_id FROM contacts c
             JOIN unnest($1::uuid[], $2::text[]) AS t(w, k) ON c.workspace_id = t.w AND c.${conflict} = t.k`,
          [
            unchanged.map((m) => m.workspaceId),
            unchanged.map((m) => toPgSafeText(conflict === 'wa_id' ? m.contact.waId : m.contact.userId)),
          ],
        )),
      );
    for (const r of result) ids.set(keyOfRow(r), r.id);
    await contactEvents.emit(
      query,
      result
        .filter((r) => r.inserted)
        .map((r) => ({
          workspaceId: r.workspace_id,
          contactId: r.id,
          kind: 'created' as const,
          fields: [],
          source: 'whatsapp' as const,
          at,
        })),
    );
  };
  await adoptReportedWaIds(
    query,
    withPhone.map((m) => ({ workspaceId: m.workspaceId, waId: toPgSafeText(m.contact.waId) })),
  );
  const linked = await linkSenderIdentities(
    query,
    withPhone.map((m) => ({ ...m.contact, workspaceId: m.workspaceId, userId: userIdOf(m) })),
    messages[0]?.occurredAt ?? new Date(),
  );
  await run(withPhone, 'wa_id');
  await run(userOnly, 'user_id');
  return { ids, changes: linked.changes };
}

async function storeMessages(
  query: Query,
  messages: InboundMessage[],
  receivedAt: Date,
): Promise<{
  changes: InboxChange[];
  newMediaIds: string[];
  stored: { channelId: string; externalId: string }[];
  opened: Pick<RecordedInbound, 'inboundIds' | 'createdConversationIds' | 'reopenedConversationIds'>;
  /** The survey's next lines (invitation to comment, thanks), queued: send after commit. */
  surveyReplyIds: string[];
}> {
  const mediaIds = assignMediaIds(messages);
  const { ids: contactIds, changes: linkChanges } = await upsertContacts(query, messages, receivedAt);
  const withContact = messages
    .map((m) => ({ m, contactId: contactIds.get(contactKey(m.workspaceId, m.contact)) }))
    .filter((x): x is { m: InboundMessage; contactId: string } => x.contactId !== undefined);

  // One row per conversation, carrying the latest time the customer wrote in this batch. A
  // system line (WhatsApp saying a number changed) is not the customer writing: it neither opens
  // their 24-hour window nor counts as unread.
  const convs = new Map<
    string,
    { workspaceId: string; channelId: string; contactId: string; at: Date; customerAt: Date | null }
  >();
  for (const { m, contactId } of withContact) {
    const key = `${m.channelId}|${contactId}`;
    const prev = convs.get(key);
    const customerAt = m.content.type === 'system' ? null : m.occurredAt;
    const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
    convs.set(key, {
      workspaceId: m.workspaceId,
      channelId: m.channelId,
      contactId,
      at: later(prev?.at ?? null, m.occurredAt) as Date,
      customerAt: later(prev?.customerAt ?? null, customerAt),
    });
  }
  const convRows = [...convs.values()];
  // Each conversation of the batch is written once: existing ones are locked here and updated
  // after the messages are in (times, reopening and the unread count in one UPDATE); only new
  // ones are inserted first, since their messages need the id.
  const existing = await lockConversations(query, convRows);
  const created = await insertNewConversations(query, convRows, existing, receivedAt);
  const raced = missingConversations(convRows, [...existing, ...created]);
  // Created by another process between the lock and the insert: lock those too.
  if (raced.length > 0) existing.push(...(await lockConversations(query, raced)));
  const convIds = new Map([...existing, ...created].map((r) => [keyOf(r), r.id]));
  // A rating (or its comment) answers the survey asked when the conversation was resolved: it
  // stays resolved, and automation does not answer it.
  const resolved = new Set(existing.filter((r) => r.status === 'resolved').map((r) => r.id));
  const candidates = withContact
    .map(({ m, contactId }) => ({ m, conversationId: convIds.get(`${m.channelId}|${contactId}`)! }))
    .filter(({ m, conversationId }) => resolved.has(conversationId) && m.content.type !== 'system');
  const surveyAnswers = await matchSurveyAnswers(
    query,
    candidates.map(({ m, conversationId }) => ({
      conversationId,
      externalId: m.externalId,
      content: m.content,
      at: m.occurredAt,
    })),
    receivedAt,
  );
  const answerIds = new Set(surveyAnswers.answers.map((a) => a.externalId));
  const kept = new Set(candidates.map((c) => c.conversationId));
  for (const c of candidates) if (!answerIds.has(c.m.externalId)) kept.delete(c.conversationId);
  const reopening = existing.filter(
    (r) => (r.status === 'resolved' || r.status === 'snoozed') && !kept.has(r.id),
  );
  await recordConversationEvents(
    query,
    reopening.map((r) => ({
      workspaceId: r.workspace_id,
      conversationId: r.id,
      actorUserId: null,
      kind: 'reopened' as const,
      from: r.status,
      to: 'open',
      note: null,
      at: convs.get(keyOf(r))?.at ?? new Date(),
    })),
  );
  const rows = withContact.map(({ m, contactId }) => ({
    m,
    conversationId: convIds.get(`${m.channelId}|${contactId}`)!,
    content: storedContent(m, mediaIds),
  }));
  const inserted = await query<{
    id: string;
    conversation_id: string;
    workspace_id: string;
    channel_id: string;
    external_id: string;
    media_id: string | null;
  }>(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, raw,
                           external_id, reply_to_external_id, forwarded, referral, occurred_at)
     SELECT w, cv, ch, 'inbound', ty, tx, co, rw, ex, rp, fw, rf, at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[],
                   $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[])
         WITH ORDINALITY AS t(w, cv, ch, ty, tx, co, rw, ex, rp, fw, rf, at, ord)
      -- seq follows the batch's order (the order Meta delivered them), not the planner's.
      ORDER BY ord
     ON CONFLICT (channel_id, external_id) DO NOTHING
     RETURNING id, conversation_id, workspace_id, channel_id, external_id, content->'media'->>'id' AS media_id`,
    [
      rows.map((r) => r.m.workspaceId),
      rows.map((r) => r.conversationId),
      rows.map((r) => r.m.channelId),
      rows.map((r) => r.content.type),
      rows.map((r) => toPgSafeText(r.m.text)),
      rows.map((r) => toPgJson(r.content)),
      rows.map((r) =>
        toPgJsonOr(r.m.raw ?? null, () => ({
          id: r.m.externalId,
          charla_note: 'The original message was nested too deeply to store.',
        })),
      ),
      rows.map((r) => toPgSafeText(r.m.externalId)),
      rows.map((r) => toPgSafeText(r.m.replyToExternalId)),
      rows.map((r) => r.m.forwarded),
      rows.map((r) => (r.m.referral ? toPgJson(r.m.referral) : null)),
      rows.map((r) => r.m.occurredAt),
    ],
  );
  const newMediaIds = await storeMedia(query, inserted, mediaIds);
  const survey = await recordSurveyAnswers(
    query,
    surveyAnswers,
    new Map(inserted.filter((r) => answerIds.has(r.external_id)).map((r) => [r.external_id, r.id])),
    receivedAt,
  );

  const newPerConversation = new Map<string, number>();
  const systemIds = new Set(rows.filter((r) => r.content.type === 'system').map((r) => r.m.externalId));
  for (const r of inserted)
    if (!systemIds.has(r.external_id))
      newPerConversation.set(r.conversation_id, (newPerConversation.get(r.conversation_id) ?? 0) + 1);
  const touched = [...convs.entries()].map(([key, c]) => ({
    id: convIds.get(key)!,
    at: c.at,
    customerAt: c.customerAt,
  }));
  const waiting = await query<{ workspace_id: string; waits: boolean }>(
    `UPDATE conversations c
        SET last_inbound_at = GREATEST(c.last_inbound_at, v.cat),
            last_activity_at = GREATEST(c.last_activity_at, v.at),
            status = CASE WHEN c.status IN ('resolved', 'snoozed') AND v.cat IS NOT NULL AND NOT v.kept
                          THEN 'open' ELSE c.status END,
            snoozed_until = CASE WHEN v.cat IS NOT NULL THEN NULL ELSE c.snoozed_until END,
            unread_count = c.unread_count + v.n,
            -- The customer wrote and nobody has it: it waits (anew, when this reopens it).
            queued_at = CASE WHEN v.cat IS NULL OR v.kept OR c.assignee_user_id IS NOT NULL THEN c.queued_at
                             WHEN c.status IN ('resolved', 'snoozed') THEN $5::timestamptz
                             ELSE COALESCE(c.queued_at, $5::timestamptz) END
       FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::timestamptz[], $6::boolean[]) AS v(id, at, n, cat, kept)
      WHERE c.id = v.id
      RETURNING c.workspace_id, c.queued_at = $5::timestamptz AS waits`,
    [
      touched.map((t) => t.id),
      touched.map((t) => t.at),
      // A survey's answers are no work waiting for anyone: not unread.
      touched.map((t) => (kept.has(t.id) ? 0 : (newPerConversation.get(t.id) ?? 0))),
      touched.map((t) => t.customerAt),
      receivedAt,
      touched.map((t) => kept.has(t.id)),
    ],
  );
  const assigned = await autoAssignConversations(
    query,
    waiting.filter((r) => r.waits).map((r) => r.workspace_id),
    receivedAt,
  );
  await recordSenderDetails(
    query,
    withContact.map(({ m, contactId }) => ({ contactId, sender: m.contact, referral: m.referral })),
  );
  // WhatsApp's word that a number or user id changed: the line is in the old thread now, and
  // the contact takes the new id, so what the customer writes next continues it.
  const identityChanges: InboxChange[] = [...linkChanges];
  const newIds = new Set(inserted.map((r) => r.external_id));
  for (const { m, contactId } of withContact) {
    if (!m.identityChange || !newIds.has(m.externalId)) continue;
    const applied = await applyIdentityChange(query, {
      workspaceId: m.workspaceId,
      contactId,
      change: m.identityChange,
      at: m.occurredAt,
    });
    identityChanges.push(...applied.changes);
  }
  return {
    changes: [
      ...inserted.map((r) => ({
        kind: 'message.created' as const,
        workspaceId: r.workspace_id,
        conversationId: r.conversation_id,
        messageId: r.id,
      })),
      ...identityChanges,
      ...assigned,
      ...survey.changes,
    ],
    surveyReplyIds: survey.replyIds,
    newMediaIds,
    stored: inserted.map((r) => ({ channelId: r.channel_id, externalId: r.external_id })),
    opened: {
      inboundIds: inserted.filter((r) => !answerIds.has(r.external_id)).map((r) => r.id),
      createdConversationIds: created.map((r) => r.id),
      reopenedConversationIds: reopening.map((r) => r.id),
    },
  };
}

type ConversationKey = { channelId: string; contactId: string };
type ConversationRow = { id: string; workspace_id: string; channel_id: string; contact_id: string };

/**
 * The batch's existing conversations, locked until commit (in id order, so two batches never
 * wait on each other in a circle), with the status they had: a customer's message reopens a
 * resolved or snoozed one, and its history line must say from what.
 */
async function lockConversations(
  query: Query,
  rows: ConversationKey[],
): Promise<(ConversationRow & { status: string })[]> {
  if (rows.length === 0) return [];
  return query(
    `SELECT c.id, c.workspace_id, c.channel_id, c.contact_id, c.status FROM conversations c
       JOIN unnest($1::uuid[], $2::uuid[]) AS t(ch, ct) ON c.channel_id = t.ch AND c.contact_id = t.ct
      ORDER BY c.id FOR UPDATE OF c`,
    [rows.map((r) => r.channelId), rows.map((r) => r.contactId)],
  );
}

const keyOf = (r: { channel_id: string; contact_id: string }) => `${r.channel_id}|${r.contact_id}`;

function missingConversations<T extends ConversationKey>(rows: T[], found: ConversationRow[]): T[] {
  const have = new Set(found.map(keyOf));
  return rows.filter((r) => !have.has(`${r.channelId}|${r.contactId}`));
}

/** The batch's conversations that do not exist yet, created open; none already there is touched. */
async function insertNewConversations(
  query: Query,
  rows: (ConversationKey & { workspaceId: string; at: Date })[],
  existing: ConversationRow[],
  receivedAt: Date,
): Promise<ConversationRow[]> {
  const fresh = missingConversations(rows, existing);
  if (fresh.length === 0) return [];
  return query(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id, last_inbound_at, last_activity_at, queued_at)
     SELECT w, ch, ct, at, at, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS t(w, ch, ct, at)
     ON CONFLICT (channel_id, contact_id) DO NOTHING
     RETURNING id, workspace_id, channel_id, contact_id`,
    [
      fresh.map((c) => c.workspaceId),
      fresh.map((c) => c.channelId),
      fresh.map((c) => c.contactId),
      fresh.map((c) => c.at),
      receivedAt,
    ],
  );
}

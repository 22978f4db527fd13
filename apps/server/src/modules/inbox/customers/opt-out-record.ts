import type { Query } from '../../../platform/db/database';
import { adoptReportedWaIds, consentKeyword, consentReply, phoneFromWaId } from '../../contacts';
import { recordConversationEvents } from '../conversations/conversation-events';
import type { InboxChange } from '../inbox.ports';
import { OWNER_LOCALE_SQL } from './owner-locale';

type State = 'opted_out' | 'opted_in';
type Source = 'customer_keyword' | 'whatsapp';

/** Meta's `user_preferences` (marketing stop/resume) for one WhatsApp id on one channel. */
export interface MarketingPreference {
  workspaceId: string;
  channelId: string;
  waId: string;
  value: string;
  at: Date;
}

export interface ConsentResult {
  changes: InboxChange[];
  /** Confirmations queued as outbound messages: the caller queues their sending after commit. */
  replyIds: string[];
}

/**
 * The customer messages just stored that are exactly an opt-out or opt-in keyword of their
 * workspace: the contact's consent changes (source `customer_keyword`), the conversation's
 * history says so, and, if the workspace wants it, a confirmation is queued (the window is open:
 * they just wrote). Runs in the ingest's transaction.
 */
export async function applyConsentKeywords(query: Query, created: InboxChange[]): Promise<ConsentResult> {
  const ids = created.filter((c) => c.kind === 'message.created' && c.messageId).map((c) => c.messageId!);
  if (ids.length === 0) return { changes: [], replyIds: [] };
  const rows = await query<{
    text: string;
    workspace_id: string;
    conversation_id: string;
    channel_id: string;
    contact_id: string;
    occurred_at: Date;
    opt_out_keywords: string[];
    opt_in_keywords: string[];
    auto_reply: boolean;
    locale: string | null;
  }>(
    `SELECT m.text, m.workspace_id, m.conversation_id, m.channel_id, c.contact_id, m.occurred_at,
            w.opt_out_keywords, w.opt_in_keywords, w.opt_out_auto_reply AS auto_reply,
            ${OWNER_LOCALE_SQL}
       FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.id = ANY($1::uuid[]) AND m.direction = 'inbound' AND m.type = 'text' AND length(m.text) <= 60
      ORDER BY m.occurred_at, m.seq`,
    [ids],
  );
  const result: ConsentResult = { changes: [], replyIds: [] };
  for (const r of rows) {
    const action = consentKeyword(r.text, { optOut: r.opt_out_keywords, optIn: r.opt_in_keywords });
    if (!action) continue;
    const state: State = action === 'opt_out' ? 'opted_out' : 'opted_in';
    const changed = await setConsent(query, {
      workspaceId: r.workspace_id,
      contactId: r.contact_id,
      state,
      source: 'customer_keyword',
      at: new Date(r.occurred_at),
      conversationIds: [r.conversation_id],
    });
    result.changes.push(...changed);
    if (changed.length === 0 || !r.auto_reply) continue;
    const body = consentReply(action, r.locale ?? 'es', r.opt_in_keywords[0]);
    const [reply] = await query<{ id: string }>(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status, occurred_at)
       VALUES ($1, $2, $3, 'outbound', 'text', $4, $5::jsonb, 'queued', $6) RETURNING id`,
      [
        r.workspace_id,
        r.conversation_id,
        r.channel_id,
        body,
        JSON.stringify({ type: 'text', body }),
        // Right after the keyword, even when Meta's timestamp runs ahead of this server's clock.
        new Date(Math.max(Date.now(), new Date(r.occurred_at).getTime() + 1)),
      ],
    );
    result.replyIds.push(reply!.id);
    result.changes.push({
      kind: 'message.created',
      workspaceId: r.workspace_id,
      conversationId: r.conversation_id,
      messageId: reply!.id,
    });
  }
  return result;
}

/**
 * Meta's `user_preferences` webhook: `stop` opts the contact out of marketing, `resume` back in
 * (source `whatsapp`). A WhatsApp id Charla has never seen becomes a contact, so the choice is
 * kept for later broadcasts. Other values (`signup`) change nothing.
 */
export async function applyMarketingPreferences(
  query: Query,
  preferences: MarketingPreference[],
): Promise<InboxChange[]> {
  const changes: InboxChange[] = [];
  for (const p of preferences) {
    const state: State | null = p.value === 'stop' ? 'opted_out' : p.value === 'resume' ? 'opted_in' : null;
    if (!state) continue;
    // The contact known by another form of this number (Mexico's 521...) takes WhatsApp's id.
    await adoptReportedWaIds(query, [{ workspaceId: p.workspaceId, waId: p.waId }]);
    const [contact] = await query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, wa_id, phone) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, wa_id) DO UPDATE SET updated_at = contacts.updated_at RETURNING id`,
      [p.workspaceId, p.waId, phoneFromWaId(p.waId) ?? `+${p.waId}`],
    );
    const conversations = await query<{ id: string }>(
      'SELECT id FROM conversations WHERE workspace_id = $1 AND channel_id = $2 AND contact_id = $3',
      [p.workspaceId, p.channelId, contact!.id],
    );
    changes.push(
      ...(await setConsent(query, {
        workspaceId: p.workspaceId,
        contactId: contact!.id,
        state,
        source: 'whatsapp',
        at: p.at,
        conversationIds: conversations.map((c) => c.id),
      })),
    );
  }
  return changes;
}

/** Sets the state unless it already is that; a history line in each conversation given. */
async function setConsent(
  query: Query,
  c: {
    workspaceId: string;
    contactId: string;
    state: State;
    source: Source;
    at: Date;
    conversationIds: string[];
  },
): Promise<InboxChange[]> {
  const [before] = await query<{ opt_in_state: string }>(
    `SELECT opt_in_state FROM contacts WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
    [c.workspaceId, c.contactId],
  );
  if (!before || before.opt_in_state === c.state) return [];
  await query(
    `UPDATE contacts SET opt_in_state = $3, opt_in_source = $4, opt_in_at = $5, updated_at = now()
      WHERE workspace_id = $1 AND id = $2`,
    [c.workspaceId, c.contactId, c.state, c.source, c.at.toISOString()],
  );
  await recordConversationEvents(
    query,
    c.conversationIds.map((conversationId) => ({
      workspaceId: c.workspaceId,
      conversationId,
      actorUserId: null,
      kind: 'consent' as const,
      from: before.opt_in_state,
      to: c.state,
      note: c.source,
      at: c.at,
    })),
  );
  return c.conversationIds.map((conversationId) => ({
    kind: 'conversation.updated' as const,
    workspaceId: c.workspaceId,
    conversationId,
  }));
}

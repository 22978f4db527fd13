import type { MessageContent, Template, TemplateValues } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { toPgJson } from '../../platform/db/pg-safe';
import { applyStoredStatuses, type InboxChange, type MessageKey, previewOf } from '../inbox';
import { buildTemplateContent } from '../templates';

export interface SentRecipient {
  recipientId: number;
  wamid: string;
  at: Date;
}

/** The template message a recipient received, as the conversation shows it. */
export function recipientContent(template: Template, values: TemplateValues): MessageContent {
  return buildTemplateContent(template, values);
}

/**
 * Marks recipients sent with their wamid and writes each as an outbound template message in the
 * contact's conversation on that number (created when there is none, resolved so a broadcast does
 * not flood the inbox; a reply reopens it). Batched: a few statements per call. Used by the sender
 * after Meta's answer and by the status webhook for a send in doubt (callback data), so the
 * `state IN (sending, queued) AND wamid IS NULL` guard makes whichever comes second a no-op.
 */
export async function recordSentRecipients(
  query: Query,
  all: SentRecipient[],
): Promise<{ changes: InboxChange[]; messages: MessageKey[] }> {
  const seen = new Set<number>();
  const sent = all.filter((s) => !seen.has(s.recipientId) && seen.add(s.recipientId));
  if (sent.length === 0) return { changes: [], messages: [] };
  const rows = await query<{
    id: number;
    broadcast_id: string;
    workspace_id: string;
    contact_id: string;
    values: unknown;
    wamid: string;
    sent_at: Date;
  }>(
    // Locked here and written once at the end (state, wamid, message): one new row version per
    // recipient instead of two, each of which also rewrote every index of the table.
    `SELECT r.id, r.broadcast_id, r.workspace_id, r.contact_id, r.values, v.wamid, v.at AS sent_at
       FROM broadcast_recipients r JOIN unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS v(id, wamid, at)
         ON r.id = v.id
      WHERE r.state IN ('sending', 'queued') AND r.wamid IS NULL
      ORDER BY r.id FOR UPDATE OF r`,
    [sent.map((s) => s.recipientId), sent.map((s) => s.wamid), sent.map((s) => s.at)],
  );
  if (rows.length === 0) return { changes: [], messages: [] };
  const broadcasts = await query<{ id: string; channel_id: string; template: unknown }>(
    'SELECT id, channel_id, template FROM broadcasts WHERE id = ANY($1::uuid[])',
    [[...new Set(rows.map((r) => r.broadcast_id))]],
  );
  const byId = new Map(broadcasts.map((b) => [b.id, b]));
  rows.sort((a, b) => (a.contact_id < b.contact_id ? -1 : 1));
  const items = rows.map((r) => {
    const b = byId.get(r.broadcast_id)!;
    const template = (typeof b.template === 'string' ? JSON.parse(b.template) : b.template) as Template;
    const values = (typeof r.values === 'string' ? JSON.parse(r.values) : r.values) as TemplateValues;
    const content = recipientContent(template, values);
    return { ...r, channelId: b.channel_id, content, text: previewOf(content) };
  });
  const conversations = await query<{ id: string; channel_id: string; contact_id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, last_activity_at)
     SELECT DISTINCT ON (v.ch, v.ct) v.ws, v.ch, v.ct, 'resolved', v.at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS v(ws, ch, ct, at)
      ORDER BY v.ch, v.ct, v.at DESC
     ON CONFLICT (channel_id, contact_id)
       DO UPDATE SET last_activity_at = GREATEST(conversations.last_activity_at, EXCLUDED.last_activity_at)
     RETURNING id, channel_id, contact_id`,
    [
      items.map((i) => i.workspace_id),
      items.map((i) => i.channelId),
      items.map((i) => i.contact_id),
      items.map((i) => i.sent_at),
    ],
  );
  const conversationOf = new Map(conversations.map((c) => [`${c.channel_id}|${c.contact_id}`, c.id]));
  const convIds = items.map((i) => conversationOf.get(`${i.channelId}|${i.contact_id}`)!);
  const inserted = await query<{
    id: string;
    external_id: string;
    conversation_id: string;
    workspace_id: string;
  }>(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, external_id,
                           status, occurred_at, send_attempted_at)
     SELECT v.ws, v.conv, v.ch, 'outbound', 'template', v.txt, v.content::jsonb, v.wamid, 'accepted', v.at, v.at
       FROM json_to_recordset($1::json) AS v(ws uuid, conv uuid, ch uuid, txt text, content text, wamid text, at timestamptz)
     ON CONFLICT (channel_id, external_id) DO NOTHING
     RETURNING id, external_id, conversation_id, workspace_id`,
    // One JSON document rather than seven arrays: the driver escaped every element of each array
    // (the content twice over, as JSON inside an array literal), a few percent of Charla's CPU.
    // The content is read as text and cast: json_to_recordset's own conversion to jsonb took
    // about 36 µs a row, the cast 10 µs.
    [
      toPgJson(
        items.map((i, k) => ({
          ws: i.workspace_id,
          conv: convIds[k],
          ch: i.channelId,
          txt: i.text,
          content: i.content,
          wamid: i.wamid,
          at: i.sent_at,
        })),
      ),
    ],
  );
  const messageOf = new Map(inserted.map((m) => [m.external_id, m.id]));
  await query(
    `UPDATE broadcast_recipients r
        SET state = 'sent', wamid = v.wamid, sent_at = v.at, error_code = NULL, error_reason = NULL,
            message_id = v.m, conversation_id = v.c
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[]) AS v(id, wamid, at, m, c)
      WHERE r.id = v.id`,
    [
      items.map((i) => i.id),
      items.map((i) => i.wamid),
      items.map((i) => i.sent_at),
      items.map((i) => messageOf.get(i.wamid) ?? null),
      convIds,
    ],
  );
  // Meta's statuses may have come before we knew the wamid: apply the furthest one now.
  const keys = items.map((i) => ({ channelId: i.channelId, externalId: i.wamid }));
  const changes = await applyStoredStatuses(query, keys);
  const created = [
    ...inserted.map(
      (m): InboxChange => ({
        kind: 'message.created',
        workspaceId: m.workspace_id,
        conversationId: m.conversation_id,
        messageId: m.id,
      }),
    ),
    ...changes,
  ];
  return { changes: created, messages: keys };
}

import { auditActor, recordAudit } from '../audit';
import { assertMayHandlePersonalData, contactNotFound } from './contact-access';
import type { PrivacyActor, PrivacyDeps } from './privacy.deps';
import { type ZipEntry, zipStream } from './zip-stream';

type Row = Record<string, unknown>;

/** A file name safe in any zip tool: no folders, no control characters, not too long. */
function safeName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim();
  return cleaned.slice(-80) || 'file';
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'application/pdf': '.pdf',
};

/**
 * Everything Charla stores about one contact, for a data subject's access request (GDPR art. 15,
 * and the same right in Latin American laws): `contact.json` (the contact, its attributes with
 * their labels, tags, consent now and every consent change, each conversation with its labels,
 * history, internal notes and every message with its statuses and reactions, and the broadcasts
 * that reached them) and every file of theirs under `media/`. Read once, then streamed: media
 * bytes pass through without being held whole. The export is recorded (`contact.exported`) with
 * the contact's id only.
 */
export async function exportContactData(
  deps: PrivacyDeps,
  actor: PrivacyActor,
  contactId: string,
): Promise<{ filename: string; stream: AsyncGenerator<Uint8Array> }> {
  assertMayHandlePersonalData(actor, "export a contact's data");
  const q = deps.db.query;
  const [contact] = await q(
    `SELECT id, wa_id, user_id, phone, name, profile_name, attributes, tags, notes,
            opt_in_state, opt_in_source, opt_in_at, created_at, updated_at
       FROM contacts WHERE id = $1 AND workspace_id = $2`,
    [contactId, actor.workspaceId],
  );
  if (!contact) throw contactNotFound();
  const definitions = await q<{ key: string; label: string; type: string }>(
    'SELECT key, label, type FROM contact_attribute_definitions WHERE workspace_id = $1 ORDER BY key',
    [actor.workspaceId],
  );
  const conversations = await q<Row & { id: string }>(
    `SELECT cv.id, ch.name AS number_name, ch.display_phone_number AS number, cv.status, cv.priority,
            cv.created_at, cv.last_inbound_at, cv.last_activity_at
       FROM conversations cv JOIN channels ch ON ch.id = cv.channel_id
      WHERE cv.contact_id = $1 AND cv.workspace_id = $2 ORDER BY cv.created_at`,
    [contactId, actor.workspaceId],
  );
  const ids = conversations.map((c) => c.id);
  const [labels, events, notes, messages, reactions, files, recipients] = await Promise.all([
    q<{ conversation_id: string; name: string }>(
      `SELECT cl.conversation_id, l.name FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
        WHERE cl.conversation_id = ANY($1::uuid[]) ORDER BY l.name`,
      [ids],
    ),
    q<Row & { conversation_id: string; kind: string }>(
      `SELECT e.conversation_id, e.kind, e.from_value, e.to_value, e.note, e.occurred_at, u.name AS by
         FROM conversation_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.conversation_id = ANY($1::uuid[]) ORDER BY e.occurred_at, e.seq`,
      [ids],
    ),
    q<Row & { conversation_id: string }>(
      `SELECT n.conversation_id, n.body, n.created_at, u.name AS author
         FROM conversation_notes n LEFT JOIN users u ON u.id = n.author_user_id
        WHERE n.conversation_id = ANY($1::uuid[]) ORDER BY n.created_at, n.seq`,
      [ids],
    ),
    q<Row & { id: string; conversation_id: string }>(
      `SELECT m.id, m.conversation_id, m.direction, m.type, m.text, m.content, m.raw, m.external_id,
              m.reply_to_external_id, m.forwarded, m.referral, m.status, m.error, m.delivered_at, m.read_at,
              m.occurred_at, m.created_at, u.name AS sent_by
         FROM messages m LEFT JOIN users u ON u.id = m.sender_user_id
        WHERE m.conversation_id = ANY($1::uuid[]) ORDER BY m.occurred_at, m.seq`,
      [ids],
    ),
    q<Row & { message_id: string }>(
      `SELECT r.message_id, r.direction, r.emoji, r.reacted_at FROM message_reactions r
         JOIN messages m ON m.id = r.message_id WHERE m.conversation_id = ANY($1::uuid[])`,
      [ids],
    ),
    q<{
      id: string;
      message_id: string;
      direction: string;
      mime_type: string;
      size: string | number | null;
      filename: string | null;
      storage_key: string | null;
      state: string;
      created_at: Date;
    }>(
      `SELECT f.id, f.message_id, f.direction, f.mime_type, f.size, f.filename, f.storage_key, f.state, f.created_at
         FROM media f JOIN messages m ON m.id = f.message_id
        WHERE m.conversation_id = ANY($1::uuid[]) ORDER BY f.created_at`,
      [ids],
    ),
    q(
      `SELECT b.name AS broadcast, b.template_name AS template, r.state, r.values, r.wa_id, r.sent_at,
              r.error_code, r.error_reason
         FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id
        WHERE r.contact_id = $1 AND r.workspace_id = $2 ORDER BY r.id`,
      [contactId, actor.workspaceId],
    ),
  ]);

  const stored = files.filter((f) => f.state === 'ready' && f.storage_key);
  const pathOf = new Map(
    stored.map((f) => [
      f.id,
      `media/${f.id}-${safeName(f.filename ?? `file${EXTENSIONS[f.mime_type.split(';')[0]!] ?? ''}`)}`,
    ]),
  );
  const byConversation = <T extends { conversation_id: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.conversation_id === id).map(({ conversation_id: _, ...rest }) => rest);
  const attributes = (contact.attributes ?? {}) as Record<string, unknown>;
  const document = {
    exportedAt: new Date().toISOString(),
    contact: {
      ...contact,
      attributes: Object.entries(attributes).map(([key, value]) => ({
        key,
        label: definitions.find((d) => d.key === key)?.label ?? key,
        value,
      })),
    },
    consent: {
      now: { state: contact.opt_in_state, source: contact.opt_in_source, at: contact.opt_in_at },
      changes: events.filter((e) => e.kind === 'consent'),
    },
    conversations: conversations.map((c) => ({
      ...c,
      labels: labels.filter((l) => l.conversation_id === c.id).map((l) => l.name),
      history: byConversation(events, c.id),
      notes: byConversation(notes, c.id),
      messages: messages
        .filter((m) => m.conversation_id === c.id)
        .map(({ conversation_id: _, ...m }) => ({
          ...m,
          reactions: reactions.filter((r) => r.message_id === m.id).map(({ message_id: __, ...r }) => r),
          files: files
            .filter((f) => f.message_id === m.id)
            .map((f) => ({
              id: f.id,
              direction: f.direction,
              mimeType: f.mime_type,
              size: f.size === null ? null : Number(f.size),
              filename: f.filename,
              state: f.state,
              inThisZip: pathOf.get(f.id) ?? null,
            })),
        })),
    })),
    broadcasts: recipients,
  };

  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    action: 'contact.exported',
    ...(await auditActor(deps.db.orm, actor.userId)),
    targetType: 'contact',
    targetId: contactId,
    ip: actor.ip,
    details: { conversations: conversations.length, messages: messages.length, files: stored.length },
  });

  const media = deps.media;
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'contact.json', data: new TextEncoder().encode(JSON.stringify(document, null, 2)) };
    for (const f of stored) {
      const file = await media.get(f.storage_key!);
      if (!file) continue;
      yield { name: pathOf.get(f.id)!, data: file.stream, mtime: new Date(f.created_at) };
    }
  }
  return { filename: `contact-${contactId}.zip`, stream: zipStream(entries()) };
}

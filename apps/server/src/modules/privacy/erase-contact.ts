import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import { forgetBroadcastRecipient } from '../broadcasts';
import { assertMayHandlePersonalData, contactNotFound } from './contact-access';
import type { PrivacyActor, PrivacyDeps, PrivacyKeyActor } from './privacy.deps';

interface ContactRow {
  id: string;
  phone: string | null;
  wa_id: string | null;
  user_id: string | null;
  name: string | null;
  profile_name: string | null;
}

const digits = (s: string) => s.replace(/\D/g, '');
const words = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** The confirmation is the contact's phone number (any spacing, with or without +) or its name typed back. */
export function confirmsContact(c: Omit<ContactRow, 'id' | 'user_id'>, typed: string): boolean {
  const d = digits(typed);
  if (d.length >= 6 && [c.phone, c.wa_id].some((p) => p && digits(p) === d)) return true;
  const w = words(typed);
  return w !== '' && [c.name, c.profile_name].some((n) => n && words(n) === w);
}

/**
 * Erases a contact for good (GDPR art. 17, and the same right in Latin American laws), in one
 * transaction: its conversations with every message, reaction, internal note, label and history
 * line, its files, its attributes and the contact itself; what waits in the outbox for it goes
 * with its messages, so nothing more is sent to it. Its broadcast recipient rows stay, anonymised,
 * so each broadcast's counts stay (broadcasts/forget-recipient.ts), and the stored webhook bodies
 * that carried its WhatsApp id are deleted. The files leave storage once the transaction commits.
 * The audit line (`contact.erased`) names the contact by id only, and says how much went.
 * A member types the contact back (`confirm`); an API key's DELETE is its own confirmation.
 */
export async function eraseContact(
  deps: PrivacyDeps,
  actor: PrivacyActor | PrivacyKeyActor,
  contactId: string,
  confirm: string | null,
): Promise<{ conversations: number; messages: number; files: number; broadcastRecipients: number }> {
  const key = 'apiKey' in actor ? actor.apiKey : null;
  const member = 'apiKey' in actor ? null : actor;
  if (member) assertMayHandlePersonalData(member, 'erase a contact');
  const result = await deps.db.transaction(async (q) => {
    const [contact] = await q<ContactRow & Record<string, unknown>>(
      `SELECT id, phone, wa_id, user_id, name, profile_name, phone_key FROM contacts
        WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
      [contactId, actor.workspaceId],
    );
    if (!contact) throw contactNotFound();
    if (member && !confirmsContact(contact, confirm ?? ''))
      throw new AppError(
        'unprocessable',
        'confirmation_mismatch',
        "The confirmation does not match this contact. Type the contact's phone number or name exactly as shown to erase it; nothing was erased.",
        [{ path: 'confirm', message: "Type the contact's phone number or name" }],
      );
    // Recipient rows first: a broadcast sender that claimed one waits for this transaction and
    // then finds it skipped, instead of writing a message for a contact that is gone.
    const forgotten = await forgetBroadcastRecipient(q, contactId);
    // The files of its messages, and those an agent attached to its conversations but never sent.
    const files = await q<{ id: string; storage_key: string | null; unsent: boolean }>(
      `SELECT f.id, f.storage_key, false AS unsent FROM media f JOIN messages m ON m.id = f.message_id
         JOIN conversations cv ON cv.id = m.conversation_id
        WHERE cv.contact_id = $1 AND cv.workspace_id = $2
       UNION ALL
       SELECT f.id, f.storage_key, true FROM media f JOIN conversations cv ON cv.id = f.conversation_id
        WHERE f.message_id IS NULL AND cv.contact_id = $1 AND cv.workspace_id = $2`,
      [contactId, actor.workspaceId],
    );
    const unsent = files.filter((f) => f.unsent).map((f) => f.id);
    if (unsent.length > 0) await q('DELETE FROM media WHERE id = ANY($1::uuid[])', [unsent]);
    const [counted] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
        WHERE cv.contact_id = $1 AND cv.workspace_id = $2`,
      [contactId, actor.workspaceId],
    );
    // Messages, their files' rows, reactions, notes, labels, history and outbox items cascade.
    const conversations = await q<{ id: string }>(
      'DELETE FROM conversations WHERE contact_id = $1 AND workspace_id = $2 RETURNING id',
      [contactId, actor.workspaceId],
    );
    await q('DELETE FROM contacts WHERE id = $1', [contactId]);
    // Raw webhook bodies already applied that carry the contact's WhatsApp id (its messages and
    // profile as Meta sent them). Pending ones are left to the ingest, which needs them.
    const needles = [contact.wa_id, contact.user_id].filter((v): v is string => !!v).map((v) => `"${v}"`);
    if (needles.length > 0)
      await q(
        `DELETE FROM webhook_events WHERE status <> 'pending'
            AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE position(n IN raw_body) > 0)`,
        [needles],
      );
    // Their lines in CSV audiences, in whatever form of the number the file had (phone_key).
    if (contact.phone || contact.phone_key)
      await q(
        `DELETE FROM broadcast_csv_rows r USING broadcast_csv_uploads u
          WHERE r.upload_id = u.id AND u.workspace_id = $1
            AND (r.phone = $2 OR phone_match_key(substr(r.phone, 2)) = $3)`,
        [actor.workspaceId, contact.phone, contact.phone_key],
      );
    return {
      conversationIds: conversations.map((c) => c.id),
      keys: files.map((f) => f.storage_key ?? `${actor.workspaceId}/${f.id}`),
      counts: {
        conversations: conversations.length,
        messages: counted?.n ?? 0,
        files: files.filter((f) => f.storage_key).length,
        broadcastRecipients: forgotten.rows,
      },
      claimedIds: forgotten.claimedIds,
    };
  });

  // A claimed send may be waiting for its slot to leave: its sender drops it (every process).
  if (result.claimedIds.length > 0 || result.conversationIds.length > 0)
    await deps
      .sendsForgotten(actor.workspaceId, {
        conversationIds: result.conversationIds,
        recipientIds: result.claimedIds,
      })
      .catch((err) => deps.log.error({ err }, 'telling the senders failed'));
  for (const key of result.keys)
    await deps.media
      .delete(key)
      .catch((err) => deps.log.error({ err, key }, 'deleting an erased file failed'));
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    action: 'contact.erased',
    ...(member ? await auditActor(deps.db.orm, member.userId) : { actorLabel: key?.name ?? null }),
    targetType: 'contact',
    targetId: contactId,
    ip: actor.ip,
    details: { ...result.counts, ...(key ? { apiKeyId: key.id } : {}) },
  });
  await deps
    .notify(
      result.conversationIds.map((conversationId) => ({
        kind: 'conversation.updated' as const,
        workspaceId: actor.workspaceId,
        conversationId,
      })),
    )
    .catch(() => {});
  return result.counts;
}

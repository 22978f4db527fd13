import type { Query } from '../../../platform/db/database';
import { phoneFromWaId } from '../../contacts';
import type { IdentityChange, InboundSender, InboxChange, Referral } from '../inbox.ports';
import { mergeContactRows } from './merge-contacts';

type Sender = InboundSender & { workspaceId: string };

type Found = {
  w: string;
  wa: string;
  u: string;
  p_id: string | null;
  p_user: string | null;
  u_id: string | null;
  u_wa: string | null;
};

/**
 * WhatsApp names a customer by their phone's wa_id, by their business-scoped user id (BSUID), or
 * by both. A message that carries both says they are one person, so before the batch's contacts
 * are written the two are linked: the contact known by the phone takes the user id, the one
 * known by the user id takes the phone, and where each was a contact of its own (a customer who
 * first wrote by username, then with their number) the user-id contact is merged into the phone
 * contact, conversations and all. Afterwards either id alone finds the same contact.
 */
export async function linkSenderIdentities(
  query: Query,
  senders: Sender[],
  at: Date,
): Promise<{ changes: InboxChange[] }> {
  const pairs = new Map<string, { w: string; wa: string; u: string }>();
  const seenUserIds = new Set<string>();
  for (const s of senders) {
    if (!s.waId || !s.userId) continue;
    // One user id belongs to one number: a batch naming it twice keeps the first pairing only.
    if (seenUserIds.has(`${s.workspaceId}|${s.userId}`)) continue;
    seenUserIds.add(`${s.workspaceId}|${s.userId}`);
    pairs.set(`${s.workspaceId}|${s.waId}`, { w: s.workspaceId, wa: s.waId, u: s.userId });
  }
  const changes: InboxChange[] = [];
  if (pairs.size === 0) return { changes };
  const rows = [...pairs.values()];
  const found = await query<Found>(
    `SELECT t.w, t.wa, t.u, p.id AS p_id, p.user_id AS p_user, x.id AS u_id, x.wa_id AS u_wa
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(w, wa, u)
       LEFT JOIN contacts p ON p.workspace_id = t.w AND p.wa_id = t.wa
       LEFT JOIN contacts x ON x.workspace_id = t.w AND x.user_id = t.u
      WHERE p.id IS DISTINCT FROM x.id`,
    [rows.map((r) => r.w), rows.map((r) => r.wa), rows.map((r) => r.u)],
  );
  for (const f of found) {
    if (f.p_id && !f.u_id) {
      await setIds(query, f.p_id, { userId: f.u });
    } else if (!f.p_id && f.u_id) {
      await setIds(query, f.u_id, { waId: f.wa });
    } else if (f.p_id && f.u_id) {
      if (f.u_wa === null && f.p_user === null) {
        const touched = await mergeContactRows(query, {
          workspaceId: f.w,
          targetId: f.p_id,
          sourceId: f.u_id,
          actorUserId: null,
          at,
          keep: { waId: f.wa, userId: f.u },
        });
        for (const conversationId of touched)
          changes.push({ kind: 'conversation.updated', workspaceId: f.w, conversationId });
      } else {
        // Each already has another identity: WhatsApp's pairing of today wins, the user id moves.
        await query('UPDATE contacts SET user_id = NULL, updated_at = now() WHERE id = $1', [f.u_id]);
        await setIds(query, f.p_id, { userId: f.u });
      }
    }
  }
  return { changes };
}

/**
 * Keeps what WhatsApp tells about each sender that the contact row does not have yet: the
 * parent (portfolio) user id, the username, and the first ad they came from (a Click-to-WhatsApp
 * referral's `source_id` and `source_url`; a later ad does not replace it). Runs after the
 * contacts exist.
 */
export async function recordSenderDetails(
  query: Query,
  senders: { contactId: string; sender: InboundSender; referral: Referral | null }[],
): Promise<void> {
  const rows = senders.filter(
    (s) => s.sender.parentUserId || s.sender.username || s.referral?.sourceId || s.referral?.sourceUrl,
  );
  if (rows.length === 0) return;
  const hasAd = (r: (typeof rows)[number]) => Boolean(r.referral?.sourceId || r.referral?.sourceUrl);
  await query(
    `UPDATE contacts c SET parent_user_id = COALESCE(t.p, c.parent_user_id), username = COALESCE(t.n, c.username),
            source_id = CASE WHEN c.source_id IS NULL AND c.source_url IS NULL THEN t.sid ELSE c.source_id END,
            source_url = CASE WHEN c.source_id IS NULL AND c.source_url IS NULL THEN t.surl ELSE c.source_url END,
            updated_at = now()
       FROM (SELECT DISTINCT ON (id) * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
               WITH ORDINALITY AS u(id, p, n, sid, surl, ord) ORDER BY id, ord) t
      WHERE c.id = t.id
        AND (c.parent_user_id IS DISTINCT FROM COALESCE(t.p, c.parent_user_id)
             OR c.username IS DISTINCT FROM COALESCE(t.n, c.username)
             OR (c.source_id IS NULL AND c.source_url IS NULL AND (t.sid IS NOT NULL OR t.surl IS NOT NULL)))`,
    [
      rows.map((r) => r.contactId),
      rows.map((r) => r.sender.parentUserId ?? null),
      rows.map((r) => r.sender.username ?? null),
      rows.map((r) => (hasAd(r) ? (r.referral?.sourceId ?? null) : null)),
      rows.map((r) => (hasAd(r) ? (r.referral?.sourceUrl ?? null) : null)),
    ],
  );
}

/**
 * A system message said the customer's number or user id changed: their contact takes the new
 * one, so their next message (from the new number, or with the new user id) continues the same
 * thread. A contact that already had the new id (say, the new number typed in by an agent) is
 * the same person and is merged in.
 */
export async function applyIdentityChange(
  query: Query,
  input: { workspaceId: string; contactId: string; change: IdentityChange; at: Date },
): Promise<{ changes: InboxChange[] }> {
  const { workspaceId, contactId, change, at } = input;
  const changes: InboxChange[] = [];
  const absorb = async (column: 'wa_id' | 'user_id', value: string) => {
    const [other] = await query<{ id: string }>(
      `SELECT id FROM contacts WHERE workspace_id = $1 AND ${column} = $2 AND id <> $3`,
      [workspaceId, value, contactId],
    );
    if (!other) return;
    // The contact keeps its ids through the merge; the new one is set right after.
    const [own] = await query<{ wa_id: string | null; user_id: string | null }>(
      'SELECT wa_id, user_id FROM contacts WHERE id = $1',
      [contactId],
    );
    const touched = await mergeContactRows(query, {
      workspaceId,
      targetId: contactId,
      sourceId: other.id,
      actorUserId: null,
      at,
      keep: { waId: own?.wa_id ?? null, userId: own?.user_id ?? null },
    });
    for (const conversationId of touched)
      changes.push({ kind: 'conversation.updated', workspaceId, conversationId });
  };
  if (change.kind === 'number') {
    await absorb('wa_id', change.newWaId);
    if (change.newUserId) await absorb('user_id', change.newUserId);
    await setIds(query, contactId, {
      waId: change.newWaId,
      ...(change.newUserId && { userId: change.newUserId }),
      ...(change.newParentUserId && { parentUserId: change.newParentUserId }),
    });
  } else {
    await absorb('user_id', change.newUserId);
    await setIds(query, contactId, {
      userId: change.newUserId,
      ...(change.newParentUserId && { parentUserId: change.newParentUserId }),
    });
  }
  return { changes };
}

async function setIds(
  query: Query,
  contactId: string,
  ids: { waId?: string; userId?: string; parentUserId?: string },
): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [contactId];
  if (ids.waId !== undefined) {
    params.push(ids.waId, phoneFromWaId(ids.waId));
    sets.push(`wa_id = $${params.length - 1}`, `phone = $${params.length}`);
  }
  if (ids.userId !== undefined) {
    params.push(ids.userId);
    sets.push(`user_id = $${params.length}`);
  }
  if (ids.parentUserId !== undefined) {
    params.push(ids.parentUserId);
    sets.push(`parent_user_id = $${params.length}`);
  }
  await query(`UPDATE contacts SET ${sets.join(', ')} WHERE id = $1`, params);
}

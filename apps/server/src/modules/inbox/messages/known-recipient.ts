import type { Database } from '../../../platform/db/database';
import { createGroupCommit, groupCommitPer } from '../../../platform/group-commit';
import { normalizePhone } from '../../contacts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface KnownRecipient {
  channelId: string;
  contactId: string;
  conversationId: string;
  /** The customer's last message's time: their 24-hour window. */
  lastInboundAt: Date | null;
}

interface Ask {
  workspaceId: string;
  channelId: string | null;
  contactId: string | null;
  matchKey: string | null;
  phone: string | null;
}

/**
 * The common case of an API send, in one statement shared by the sends in flight together: the
 * number (named, or the workspace's only connected one), a contact Charla knows (by id, or by a
 * number written with its + in any of its forms) and their conversation with the number, all
 * existing and the number connected, with the customer's window. Null when anything is missing or unusual (a national number,
 * a new customer, several numbers, a number not connected): the caller takes the full path, which
 * explains what is wrong.
 */
export async function knownRecipient(
  db: Database,
  workspaceId: string,
  channelId: string | undefined,
  to: string,
): Promise<KnownRecipient | null> {
  let ask: Ask;
  if (UUID.test(to))
    ask = { workspaceId, channelId: channelId ?? null, contactId: to, matchKey: null, phone: null };
  else {
    if (!to.trim().startsWith('+')) return null;
    const number = normalizePhone(to, 'ZZ');
    if (!number.ok) return null;
    ask = {
      workspaceId,
      channelId: channelId ?? null,
      contactId: null,
      matchKey: number.matchKey,
      phone: number.phone,
    };
  }
  return (await lookupOf(db).write(ask)) ?? null;
}

const lookupOf = groupCommitPer((db: Database) =>
  createGroupCommit(
    async (asks: Ask[]) => {
      const rows = await db.query<{
        n: string;
        channel_id: string;
        contact_id: string;
        conversation_id: string;
        last_inbound_at: Date | null;
      }>(
        `SELECT v.n, ch.id AS channel_id, ct.id AS contact_id, c.id AS conversation_id, c.last_inbound_at
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
                  WITH ORDINALITY AS v(ws, ch, ct, match_key, phone, n)
           CROSS JOIN LATERAL (
             -- choices: more than one connected number and none named is not this path's to guess.
             SELECT id, status, count(*) OVER () AS choices FROM channels
              WHERE workspace_id = v.ws AND (id = v.ch OR (v.ch IS NULL AND status = 'connected'))) ch
           CROSS JOIN LATERAL (
             SELECT id FROM contacts
              WHERE workspace_id = v.ws
                AND (id = v.ct OR (v.ct IS NULL AND (phone_key = v.match_key OR phone = v.phone)))
              ORDER BY created_at, id LIMIT 1) ct
           JOIN conversations c ON c.channel_id = ch.id AND c.contact_id = ct.id
          WHERE ch.status = 'connected' AND ch.choices = 1`,
        [
          asks.map((a) => a.workspaceId),
          asks.map((a) => a.channelId),
          asks.map((a) => a.contactId),
          asks.map((a) => a.matchKey),
          asks.map((a) => a.phone),
        ],
      );
      const byN = new Map(rows.map((r) => [Number(r.n), r]));
      return asks.map((_, i) => {
        const r = byN.get(i + 1);
        return r
          ? {
              channelId: r.channel_id,
              contactId: r.contact_id,
              conversationId: r.conversation_id,
              lastInboundAt: r.last_inbound_at,
            }
          : undefined;
      });
    },
    { isolateFailures: true },
  ),
);

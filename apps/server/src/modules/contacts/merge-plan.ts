import type { Contact } from '@charla/contracts';
import { AppError } from '../../platform/errors';

/** The identifiers the merged contact keeps; the rest of `Contact` is computed by `mergedContact`. */
export interface MergeIds {
  waId: string | null;
  userId: string | null;
}

/**
 * What contact A (target) looks like after B (source) is merged into it: A's name, phone and
 * values win unless empty; tags are the union; notes are joined; an opt-out on either wins
 * (a customer who said STOP once must not be messaged again), else an opt-in on either.
 */
export function mergedContact(a: Contact, b: Contact, ids: MergeIds): Contact {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  const attributes = { ...b.attributes };
  for (const [k, v] of Object.entries(a.attributes)) if (!empty(v)) attributes[k] = v;
  const optIn =
    a.optIn.state === 'opted_out'
      ? a.optIn
      : b.optIn.state === 'opted_out'
        ? b.optIn
        : a.optIn.state === 'opted_in'
          ? a.optIn
          : b.optIn.state === 'opted_in'
            ? b.optIn
            : a.optIn;
  return {
    ...a,
    name: a.name || b.name,
    profileName: a.profileName || b.profileName,
    phone: a.phone || b.phone,
    waId: ids.waId,
    tags: [...new Set([...a.tags, ...b.tags])],
    attributes,
    notes: [a.notes, b.notes].filter((n) => n?.trim()).join('\n\n') || null,
    optIn,
  };
}

/**
 * Which WhatsApp id the merged contact answers to. Inbound messages find their contact by
 * wa_id, so the kept id must be the one WhatsApp actually uses: a contact that has written
 * (its id came from WhatsApp) wins over one typed or imported (e.g. a Mexican number imported
 * as 52… while WhatsApp writes 521…). Two ids that both wrote are two WhatsApp accounts:
 * merging would leave one unreachable, so that is refused.
 */
export function keptIds(
  a: { waId: string | null; userId: string | null; hasWritten: boolean },
  b: { waId: string | null; userId: string | null; hasWritten: boolean },
): MergeIds {
  const differ = (x: string | null, y: string | null) => x !== null && y !== null && x !== y;
  if (a.hasWritten && b.hasWritten && (differ(a.waId, b.waId) || differ(a.userId, b.userId)))
    throw new AppError(
      'conflict',
      'different_whatsapp_accounts',
      'Both contacts have written from different WhatsApp accounts; keep them as two contacts.',
    );
  const first = !a.hasWritten && b.hasWritten ? b : a;
  const second = first === a ? b : a;
  return { waId: first.waId ?? second.waId, userId: first.userId ?? second.userId };
}

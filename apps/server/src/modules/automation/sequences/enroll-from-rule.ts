import type { Query } from '../../../platform/db/database';
import { enrollInSequence } from './enroll-in-sequence';

/**
 * A rule's `enroll_sequence` action, or a bot's "enrol in a sequence" step: the conversation's
 * contact enters the sequence, in the engine's transaction. Returns the history line it makes
 * (`enrolled`, or `skipped` and why).
 */
export async function enrollFromRule(
  query: Query,
  sequenceId: string,
  target: { workspaceId: string; contactId: string },
  at: Date,
  by: 'rule' | 'flow' = 'rule',
): Promise<{ to: 'enrolled' | 'skipped'; note: string }> {
  const outcome = await enrollInSequence(query, {
    workspaceId: target.workspaceId,
    sequenceId,
    contactIds: [target.contactId],
    by,
    at,
  });
  if ('refused' in outcome) return { to: 'skipped', note: outcome.refused };
  if (outcome.optedOut > 0) return { to: 'skipped', note: 'opted_out' };
  if (outcome.alreadyEnrolled > 0) return { to: 'skipped', note: 'already_enrolled' };
  const [sequence] = await query<{ name: string }>('SELECT name FROM sequences WHERE id = $1', [sequenceId]);
  return { to: 'enrolled', note: sequence?.name ?? '' };
}

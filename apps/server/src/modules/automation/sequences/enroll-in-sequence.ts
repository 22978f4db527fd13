import type { EnrolledBy, EnrollResult, SequenceStep } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import { stepDueAt, type WindowRow, windowOf } from './sequence-schedule';

export interface Enrolment {
  workspaceId: string;
  sequenceId: string;
  contactIds: string[];
  by: EnrolledBy;
  at: Date;
}

export type EnrolOutcome = EnrollResult | { refused: 'sequence_missing' | 'sequence_off' };

/**
 * Puts contacts of the workspace into a sequence, in the caller's transaction: each gets step 1
 * after its delay, inside the allowed window. A contact already in it (an active enrolment) is
 * left as is and counted; one who opted out is not enrolled. Rules, bots, members and the public
 * API all enrol through here; the caller wakes the runner after commit.
 */
export async function enrollInSequence(query: Query, e: Enrolment): Promise<EnrolOutcome> {
  const [sequence] = await query<
    WindowRow & { steps: SequenceStep[]; enabled: boolean } & Record<string, unknown>
  >(
    `SELECT steps, weekdays, from_time, to_time, time_zone, enabled FROM sequences
      WHERE workspace_id = $1 AND id = $2`,
    [e.workspaceId, e.sequenceId],
  );
  if (!sequence) return { refused: 'sequence_missing' };
  if (!sequence.enabled) return { refused: 'sequence_off' };
  const first = sequence.steps[0];
  const nextAt = first ? stepDueAt(windowOf(sequence), first, e.at) : null;
  const [row] = await query<{
    found: number | string;
    opted_out: number | string;
    enrolled: number | string;
  }>(
    `WITH c AS (
       SELECT id, opt_in_state FROM contacts WHERE workspace_id = $1 AND id = ANY($3::uuid[])),
     ins AS (
       INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, step, next_at, enrolled_by, created_at)
       SELECT $1, $2, c.id, 0, $4, $5, $6 FROM c WHERE c.opt_in_state <> 'opted_out' ORDER BY c.id
       ON CONFLICT (sequence_id, contact_id) WHERE status = 'active' DO NOTHING
       RETURNING contact_id)
     SELECT (SELECT count(*) FROM c) AS found,
            (SELECT count(*) FROM c WHERE opt_in_state = 'opted_out') AS opted_out,
            (SELECT count(*) FROM ins) AS enrolled`,
    [e.workspaceId, e.sequenceId, [...new Set(e.contactIds)], nextAt, e.by, e.at],
  );
  const found = Number(row?.found ?? 0);
  const optedOut = Number(row?.opted_out ?? 0);
  const enrolled = Number(row?.enrolled ?? 0);
  return { enrolled, optedOut, alreadyEnrolled: found - optedOut - enrolled };
}

/** The outcome as an answer, or the error a member or the API is shown. */
export function enrolResultOrThrow(outcome: EnrolOutcome): EnrollResult {
  if (!('refused' in outcome)) return outcome;
  if (outcome.refused === 'sequence_missing') throw notFound('sequence');
  throw new AppError(
    'conflict',
    'sequence_off',
    'The sequence is turned off; turn it on before enrolling contacts.',
  );
}

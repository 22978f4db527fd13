import {
  type EnrollRequest,
  EnrollRequestSchema,
  type EnrollResult,
  type SequenceEnrollment,
} from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { assertAdmin } from '../../auth';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { recordAutomationAudit } from '../record-automation-audit';
import { enrollInSequence, enrolResultOrThrow } from './enroll-in-sequence';
import { ENROLLMENT_COLUMNS, type EnrollmentRow, toEnrollment } from './sequence-view';

/** A tag or label reaching more contacts than this is refused: enrol them in parts. */
const MAX_BY_FILTER = 10_000;

/** A member enrols contacts: by id (up to 1,000), or every contact with a tag or a labelled conversation. */
export async function enrollContacts(
  deps: AutomationDeps,
  actor: AutomationActor,
  sequenceId: string,
  input: EnrollRequest,
): Promise<EnrollResult> {
  assertAdmin(actor.role, 'enrol contacts in sequences');
  const request = EnrollRequestSchema.parse(input);
  const result = await deps.db.transaction(async (query) => {
    let contactIds = request.contactIds ?? [];
    if (!request.contactIds) {
      const rows = request.tag
        ? await query<{ id: string }>(
            `SELECT id FROM contacts WHERE workspace_id = $1
                AND lower($2) = ANY (SELECT lower(t) FROM unnest(tags) t) LIMIT $3`,
            [actor.workspaceId, request.tag, MAX_BY_FILTER + 1],
          )
        : await query<{ id: string }>(
            `SELECT DISTINCT c.contact_id AS id FROM conversation_labels cl
               JOIN conversations c ON c.id = cl.conversation_id
              WHERE cl.workspace_id = $1 AND cl.label_id = $2 LIMIT $3`,
            [actor.workspaceId, request.labelId, MAX_BY_FILTER + 1],
          );
      if (rows.length > MAX_BY_FILTER)
        throw new AppError(
          'unprocessable',
          'too_many_contacts',
          `That reaches more than ${MAX_BY_FILTER} contacts; enrol them in parts (by contactIds).`,
          [{ path: request.tag ? 'tag' : 'labelId', message: `More than ${MAX_BY_FILTER} contacts` }],
        );
      contactIds = rows.map((r) => r.id);
    }
    return enrolResultOrThrow(
      await enrollInSequence(query, {
        workspaceId: actor.workspaceId,
        sequenceId,
        contactIds,
        by: 'member',
        at: deps.clock.now(),
      }),
    );
  });
  if (result.enrolled > 0) deps.wakeAutomation();
  const [sequence] = await deps.db.query<{ name: string }>(
    'SELECT name FROM sequences WHERE workspace_id = $1 AND id = $2',
    [actor.workspaceId, sequenceId],
  );
  // Counts and how they were chosen, never the contacts' names (an erased contact must not linger here).
  await recordAutomationAudit(deps, actor, {
    action: 'sequence.contacts_enrolled',
    targetType: 'sequence',
    targetId: sequenceId,
    targetLabel: sequence?.name ?? null,
    details: {
      contacts: result.enrolled,
      alreadyEnrolled: result.alreadyEnrolled,
      optedOut: result.optedOut,
      ...(request.contactIds ? { byIds: request.contactIds.length } : {}),
      ...(request.tag ? { tag: request.tag } : {}),
      ...(request.labelId ? { labelId: request.labelId } : {}),
    },
  });
  return result;
}

/** The sequence's enrolments, newest first (the latest 500). */
export async function listEnrollments(
  deps: AutomationDeps,
  workspaceId: string,
  sequenceId: string,
): Promise<SequenceEnrollment[]> {
  const [sequence] = await deps.db.query('SELECT 1 FROM sequences WHERE workspace_id = $1 AND id = $2', [
    workspaceId,
    sequenceId,
  ]);
  if (!sequence) throw notFound('sequence');
  const rows = await deps.db.query<EnrollmentRow & Record<string, unknown>>(
    `SELECT ${ENROLLMENT_COLUMNS} FROM sequence_enrollments e JOIN contacts ct ON ct.id = e.contact_id
      WHERE e.workspace_id = $1 AND e.sequence_id = $2 ORDER BY e.created_at DESC, e.id LIMIT 500`,
    [workspaceId, sequenceId],
  );
  return rows.map(toEnrollment);
}

/** A member takes a contact out of a sequence: nothing more is sent to them from it. */
export async function cancelEnrollment(
  deps: AutomationDeps,
  actor: AutomationActor,
  sequenceId: string,
  enrollmentId: string,
): Promise<void> {
  assertAdmin(actor.role, 'cancel enrolments');
  const [row] = await deps.db.query<{
    status: string;
    cancelled: boolean;
    contact_id: string;
    name: string;
  }>(
    `WITH x AS (
       UPDATE sequence_enrollments SET status = 'cancelled', stop_reason = 'cancelled', next_at = NULL, ended_at = $4
        WHERE workspace_id = $1 AND sequence_id = $2 AND id = $3 AND status = 'active' RETURNING id)
     SELECT e.status, EXISTS (SELECT 1 FROM x) AS cancelled, e.contact_id, s.name
       FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
      WHERE e.workspace_id = $1 AND e.sequence_id = $2 AND e.id = $3`,
    [actor.workspaceId, sequenceId, enrollmentId, deps.clock.now()],
  );
  if (!row) throw notFound('enrollment');
  if (!row.cancelled)
    throw new AppError('conflict', 'enrollment_ended', `The enrolment already ended (${row.status}).`);
  await recordAutomationAudit(deps, actor, {
    action: 'sequence.enrollment_cancelled',
    targetType: 'sequence',
    targetId: sequenceId,
    targetLabel: row.name,
    details: { enrollmentId, contactId: row.contact_id },
  });
}

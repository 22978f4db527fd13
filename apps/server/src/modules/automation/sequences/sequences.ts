import { type Sequence, type SequenceInput, SequenceInputSchema } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import { assertAdmin } from '../../auth';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { recordAutomationAudit } from '../record-automation-audit';
import { checkSequence, type SequenceInputValue } from './check-sequence';
import { SEQUENCE_COLUMNS, type SequenceRow, toSequence } from './sequence-view';

const MAX_SEQUENCES = 200;

/** The workspace's sequences, newest first, with their counts. */
export async function listSequences(deps: AutomationDeps, workspaceId: string): Promise<Sequence[]> {
  const rows = await deps.db.query<SequenceRow & Record<string, unknown>>(
    `SELECT ${SEQUENCE_COLUMNS} FROM sequences s WHERE s.workspace_id = $1 ORDER BY s.created_at DESC, s.id`,
    [workspaceId],
  );
  return rows.map(toSequence);
}

export async function getSequence(deps: AutomationDeps, workspaceId: string, id: string): Promise<Sequence> {
  const [row] = await deps.db.query<SequenceRow & Record<string, unknown>>(
    `SELECT ${SEQUENCE_COLUMNS} FROM sequences s WHERE s.workspace_id = $1 AND s.id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('sequence');
  return toSequence(row);
}

/** A new sequence; owners and admins. */
export async function createSequence(
  deps: AutomationDeps,
  actor: AutomationActor,
  input: SequenceInput,
): Promise<Sequence> {
  assertAdmin(actor.role, 'create sequences');
  const sequence = SequenceInputSchema.parse(input);
  const id = await deps.db.transaction(async (query) => {
    const timeZone = await checkSequence(deps, query, actor.workspaceId, sequence);
    const [count] = await query<{ n: number | string }>(
      'SELECT count(*) AS n FROM sequences WHERE workspace_id = $1',
      [actor.workspaceId],
    );
    if (Number(count?.n ?? 0) >= MAX_SEQUENCES)
      throw new AppError(
        'conflict',
        'too_many_sequences',
        `A workspace can have at most ${MAX_SEQUENCES} sequences; delete one first.`,
      );
    const [row] = await query<{ id: string }>(
      `INSERT INTO sequences (workspace_id, name, channel_id, steps, weekdays, from_time, to_time, time_zone,
                              enabled, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::int[], $6, $7, $8, $9, $10) RETURNING id`,
      [actor.workspaceId, ...sequenceValues(sequence, timeZone), actor.userId],
    );
    return row!.id;
  });
  await recordAutomationAudit(deps, actor, {
    action: 'sequence.created',
    targetType: 'sequence',
    targetId: id,
    targetLabel: sequence.name,
  });
  return getSequence(deps, actor.workspaceId, id);
}

/**
 * Replaces a sequence's settings; owners and admins. Contacts in it go on from the step they are
 * at (a step past the new last one finishes them), at the times the new window allows.
 */
export async function updateSequence(
  deps: AutomationDeps,
  actor: AutomationActor,
  id: string,
  input: SequenceInput,
): Promise<Sequence> {
  assertAdmin(actor.role, 'change sequences');
  const sequence = SequenceInputSchema.parse(input);
  await deps.db.transaction(async (query) => {
    await assertExists(query, actor.workspaceId, id);
    const timeZone = await checkSequence(deps, query, actor.workspaceId, sequence);
    await query(
      `UPDATE sequences SET name = $3, channel_id = $4, steps = $5::jsonb, weekdays = $6::int[], from_time = $7,
              to_time = $8, time_zone = $9, enabled = $10, updated_at = now()
        WHERE workspace_id = $1 AND id = $2`,
      [actor.workspaceId, id, ...sequenceValues(sequence, timeZone)],
    );
  });
  // Turned on again, or a window that now allows a waiting step: the runner looks at once.
  deps.wakeAutomation();
  await recordAutomationAudit(deps, actor, {
    action: 'sequence.updated',
    targetType: 'sequence',
    targetId: id,
    targetLabel: sequence.name,
  });
  return getSequence(deps, actor.workspaceId, id);
}

/** Deletes a sequence and its enrolments (nothing more is sent); owners and admins. */
export async function deleteSequence(
  deps: AutomationDeps,
  actor: AutomationActor,
  id: string,
): Promise<void> {
  assertAdmin(actor.role, 'delete sequences');
  const [row] = await deps.db.query<{ name: string }>(
    'DELETE FROM sequences WHERE workspace_id = $1 AND id = $2 RETURNING name',
    [actor.workspaceId, id],
  );
  if (!row) throw notFound('sequence');
  await recordAutomationAudit(deps, actor, {
    action: 'sequence.deleted',
    targetType: 'sequence',
    targetId: id,
    targetLabel: row.name,
  });
}

async function assertExists(query: Query, workspaceId: string, id: string) {
  const rows = await query('SELECT 1 FROM sequences WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [
    workspaceId,
    id,
  ]);
  if (rows.length === 0) throw notFound('sequence');
}

const sequenceValues = (s: SequenceInputValue, timeZone: string) => [
  s.name,
  s.channelId,
  JSON.stringify(s.steps),
  [...new Set(s.window.weekdays)].sort(),
  s.window.from,
  s.window.to,
  timeZone,
  s.enabled,
];

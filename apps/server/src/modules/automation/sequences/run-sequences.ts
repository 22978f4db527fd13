import { randomUUID } from 'node:crypto';
import type { SequenceStep } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import {
  type AutomatedBy,
  type InboxChange,
  type NewConversationEvent,
  recordConversationEvents,
} from '../../inbox';
import type { AutomationEngineDeps } from '../automation.deps';
import { loadAutomationFiles, mediaIdOf } from '../engine/automation-files';
import { type PendingSend, storeSends } from '../engine/store-sends';
import { nextAllowedAt, stepDueAt, type WindowRow, windowOf } from './sequence-schedule';
import { type DueEnrollment, stepContent } from './step-content';

/** One enrolment's new state, written with the others in one statement. */
interface Move {
  id: string;
  step: number;
  nextAt: Date | null;
  status: 'active' | 'finished' | 'stopped';
  stopReason: 'opted_out' | 'failed' | null;
  conversationId: string | null;
  skipped: { step: number; reason: string; at: string } | null;
}

type Row = DueEnrollment &
  WindowRow & { id: string; sequence_id: string; step: number; steps: SequenceStep[]; opt_in_state: string };

/**
 * Sends the due steps of up to `batchSize` enrolments in one transaction (SKIP LOCKED: another
 * process takes others): a step due outside the allowed window waits for it to open; an opted-out
 * contact's enrolment stops; otherwise the step's message (window open) or template (closed) is
 * stored with its outbox row, or the step is skipped with its reason, and the enrolment moves to
 * the next step or finishes. A crash before the commit sends nothing; after it, nothing twice.
 */
export async function runDueSequences(deps: AutomationEngineDeps, batchSize: number) {
  const now = deps.clock.now();
  return deps.db.transaction(async (query) => {
    const rows = await query<Row & Record<string, unknown>>(
      `SELECT e.id, e.workspace_id, e.sequence_id, e.contact_id, e.step, e.conversation_id,
              s.name AS sequence_name, s.steps, s.channel_id, s.weekdays, s.from_time, s.to_time, s.time_zone,
              ch.waba_id, ch.status AS channel_status, ct.opt_in_state, ct.name AS contact_name, ct.profile_name,
              ct.phone, ct.attributes, w.name AS workspace_name, cv.id AS open_conversation_id, cv.last_inbound_at
         FROM sequence_enrollments e
         JOIN sequences s ON s.id = e.sequence_id
         JOIN channels ch ON ch.id = s.channel_id
         JOIN contacts ct ON ct.id = e.contact_id
         JOIN workspaces w ON w.id = e.workspace_id
         LEFT JOIN conversations cv ON cv.channel_id = s.channel_id AND cv.contact_id = e.contact_id
        WHERE e.status = 'active' AND e.next_at <= $1 AND s.enabled
        ORDER BY e.next_at, e.id LIMIT $2
        FOR UPDATE OF e SKIP LOCKED`,
      [now, batchSize],
    );
    if (rows.length === 0) return { taken: 0, changes: [] as InboxChange[], channelIds: [] as string[] };

    const moves: Move[] = [];
    const sends: (PendingSend & { enrollment: Move; contactId: string })[] = [];
    const skips: { row: Row; move: Move }[] = [];
    const files = await loadAutomationFiles(
      query,
      rows.map((r) => ({ workspaceId: r.workspace_id, mediaId: mediaIdOf(r.steps[r.step]?.message) })),
    );
    for (const row of rows) {
      const window = windowOf(row);
      const step = row.steps[row.step];
      const move: Move = {
        id: row.id,
        step: row.step,
        nextAt: null,
        status: 'active',
        stopReason: null,
        conversationId: row.open_conversation_id ?? row.conversation_id,
        skipped: null,
      };
      moves.push(move);
      if (row.opt_in_state === 'opted_out') {
        Object.assign(move, { status: 'stopped', stopReason: 'opted_out' });
        continue;
      }
      if (!step) {
        move.status = 'finished';
        continue;
      }
      const allowed = nextAllowedAt(window, now);
      if (!allowed || allowed.getTime() > now.getTime()) {
        // Outside the allowed days and hours (the window may have changed since it was scheduled).
        if (allowed) move.nextAt = allowed;
        else Object.assign(move, { status: 'stopped', stopReason: 'failed' });
        continue;
      }
      const by: AutomatedBy = { kind: 'sequence', id: row.sequence_id, name: row.sequence_name };
      const made = await stepContent(deps, query, row, step, now, files);
      if ('skip' in made) {
        move.skipped = { step: row.step, reason: made.skip, at: now.toISOString() };
        skips.push({ row, move });
      } else
        sends.push({
          id: randomUUID(),
          workspaceId: row.workspace_id,
          conversationId: move.conversationId ?? '',
          channelId: row.channel_id,
          content: made.content,
          at: now,
          by,
          enrollment: move,
          contactId: row.contact_id,
        });
      const next = row.steps[row.step + 1];
      move.step = row.step + 1;
      if (next) move.nextAt = stepDueAt(window, next, now);
      else move.status = 'finished';
    }

    await openConversations(query, sends, now);
    await storeSends(deps, query, sends);
    await writeMoves(query, moves, now);
    await recordConversationEvents(query, skipLines(skips, now));
    return {
      taken: rows.length,
      changes: sends.map((s) => ({
        kind: 'message.created' as const,
        workspaceId: s.workspaceId,
        conversationId: s.conversationId,
        messageId: s.id,
      })),
      channelIds: [...new Set(sends.map((s) => s.channelId))],
    };
  });
}

/** The earliest step due of a sequence that is on, for the runner's sleep. */
export async function nextSequenceDueAt(query: Query): Promise<Date | null> {
  const [row] = await query<{ at: Date | string | null }>(
    `SELECT min(e.next_at) AS at FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
      WHERE e.status = 'active' AND s.enabled`,
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * A contact with no conversation on the sequence's number gets one, as a broadcast opens it
 * (resolved: it shows in the inbox when they answer). One statement for the batch, in a stable
 * order so two runners never wait on each other's rows.
 */
async function openConversations(
  query: Query,
  sends: (PendingSend & { enrollment: Move; contactId: string })[],
  at: Date,
) {
  const missing = sends.filter((s) => !s.conversationId).sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
  if (missing.length === 0) return;
  const rows = await query<{ id: string; channel_id: string; contact_id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, last_activity_at)
     SELECT DISTINCT ON (v.ch, v.ct) v.ws, v.ch, v.ct, 'resolved', $4 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS v(ws, ch, ct)
      ORDER BY v.ch, v.ct
     ON CONFLICT (channel_id, contact_id) DO UPDATE SET last_activity_at = conversations.last_activity_at
     RETURNING id, channel_id, contact_id`,
    [missing.map((s) => s.workspaceId), missing.map((s) => s.channelId), missing.map((s) => s.contactId), at],
  );
  const byPair = new Map(rows.map((r) => [`${r.channel_id}|${r.contact_id}`, r.id]));
  for (const s of missing) {
    s.conversationId = byPair.get(`${s.channelId}|${s.contactId}`)!;
    s.enrollment.conversationId = s.conversationId;
  }
}

async function writeMoves(query: Query, moves: Move[], now: Date) {
  await query(
    `UPDATE sequence_enrollments e
        SET step = v.step, next_at = v.next_at, status = v.status, stop_reason = v.reason,
            conversation_id = coalesce(v.conv, e.conversation_id),
            skipped = CASE WHEN v.skip IS NULL THEN e.skipped ELSE e.skipped || jsonb_build_array(v.skip) END,
            ended_at = CASE WHEN v.status = 'active' THEN NULL ELSE $8::timestamptz END
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])
            AS v(id, step, next_at, status, reason, conv, skip)
      WHERE e.id = v.id`,
    [
      moves.map((m) => m.id),
      moves.map((m) => m.step),
      moves.map((m) => m.nextAt),
      moves.map((m) => m.status),
      moves.map((m) => m.stopReason),
      moves.map((m) => m.conversationId),
      moves.map((m) => (m.skipped ? JSON.stringify(m.skipped) : null)),
      now,
    ],
  );
}

/** A skipped step says so in the conversation's history, when the contact has one on the number. */
function skipLines(skips: { row: Row; move: Move }[], at: Date): NewConversationEvent[] {
  return skips
    .filter((s) => s.move.conversationId)
    .map(({ row, move }) => ({
      workspaceId: row.workspace_id,
      conversationId: move.conversationId!,
      actorUserId: null,
      kind: 'automation' as const,
      from: null,
      to: 'skipped',
      note: move.skipped!.reason,
      at,
      automatedBy: { kind: 'sequence' as const, id: row.sequence_id, name: row.sequence_name },
    }));
}

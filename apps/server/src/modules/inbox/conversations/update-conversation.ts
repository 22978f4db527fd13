import type { Conversation, UpdateConversationRequestSchema } from '@charla/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../../platform/errors';
import { askForRating } from '../csat/send-survey';
import type { InboxDeps } from '../inbox.deps';
import { requeueIfUnassigned } from '../routing/queue-waits';
import { type AutomatedBy, type NewConversationEvent, recordConversationEvents } from './conversation-events';
import { findConversation } from './get-thread';
import { REOPEN_SNOOZED_JOB } from './reopen-snoozed';

const MAX_SNOOZE_MS = 366 * 86_400_000;

/**
 * Changes a conversation's status (snoozing it until a time) or priority; each change is kept in
 * its history, with who made it: a member, or (`automatedBy`) an API key.
 */
export async function updateConversation(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string | null; automatedBy?: AutomatedBy },
  conversationId: string,
  input: z.output<typeof UpdateConversationRequestSchema>,
): Promise<Conversation> {
  const now = deps.clock.now();
  let snoozedUntil: Date | null = null;
  if (input.status === 'snoozed') {
    if (!input.snoozedUntil) {
      throw new AppError('invalid', 'snooze_time_required', 'Say until when to snooze.', [
        { path: 'snoozedUntil', message: 'Required to snooze' },
      ]);
    }
    snoozedUntil = new Date(input.snoozedUntil);
    const ahead = snoozedUntil.getTime() - now.getTime();
    if (ahead <= 0 || ahead > MAX_SNOOZE_MS) {
      throw new AppError('unprocessable', 'invalid_snooze_time', 'Snooze until a time in the next year.', [
        { path: 'snoozedUntil', message: 'Must be in the future, within a year' },
      ]);
    }
  }
  const note = input.note || null;
  let queued = 0;
  let resolved = false;
  const changed = await deps.db.transaction(async (query) => {
    const [current] = await query<{ status: string; priority: string; snoozed_until: Date | null }>(
      'SELECT status, priority, snoozed_until FROM conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
      [actor.workspaceId, conversationId],
    );
    if (!current) throw notFound('conversation');
    const events: NewConversationEvent[] = [];
    const base = {
      workspaceId: actor.workspaceId,
      conversationId,
      actorUserId: actor.userId,
      note,
      at: now,
      automatedBy: actor.automatedBy ?? null,
    };
    const status = input.status ?? current.status;
    const priority = input.priority ?? current.priority;
    // Changing only the priority keeps a snooze exactly as it was.
    const until =
      input.status === 'snoozed' ? snoozedUntil : status === 'snoozed' ? current.snoozed_until : null;
    const sameSnooze =
      status !== 'snoozed' ||
      (current.snoozed_until !== null &&
        until !== null &&
        new Date(current.snoozed_until).getTime() === new Date(until).getTime());
    if (status !== current.status || !sameSnooze) {
      events.push({ ...base, kind: 'status', from: current.status, to: status });
    }
    if (priority !== current.priority) {
      events.push({ ...base, kind: 'priority', from: current.priority, to: priority });
    }
    if (events.length === 0) return false;
    resolved = status === 'resolved' && current.status !== 'resolved';
    await query(
      `UPDATE conversations SET status = $3, priority = $4, snoozed_until = $5
        WHERE workspace_id = $1 AND id = $2`,
      [actor.workspaceId, conversationId, status, priority, status === 'snoozed' ? until : null],
    );
    await recordConversationEvents(query, events);
    // Reopened with nobody on it, it waits from now; resolved or snoozed, it waits no more.
    if (status !== current.status)
      await requeueIfUnassigned(query, {
        workspaceId: actor.workspaceId,
        conversationId,
        at: now,
        restart: current.status === 'resolved' || current.status === 'snoozed',
      });
    if (status !== current.status && deps.automationEvents)
      queued = await deps.automationEvents.queue(query, [
        {
          workspaceId: actor.workspaceId,
          conversationId,
          change: { type: 'status_changed', from: current.status, to: status },
        },
      ]);
    return true;
  });
  if (queued > 0) deps.automationEvents?.wake();
  if (changed) {
    if (snoozedUntil) {
      await deps.jobs.send(
        REOPEN_SNOOZED_JOB,
        {},
        { startAfterSeconds: Math.ceil((snoozedUntil.getTime() - now.getTime()) / 1000) },
      );
    }
    await deps.notify([{ kind: 'conversation.updated', workspaceId: actor.workspaceId, conversationId }]);
  }
  // Resolved by a person or an API key: the customer may be asked to rate it. The resolution is
  // committed already: a survey that cannot be asked is logged, never the member's error.
  if (resolved)
    await askForRating(deps, actor, conversationId).catch((err) =>
      deps.log.error({ err, conversationId }, 'asking for a satisfaction rating failed'),
    );
  return findConversation(deps, actor.workspaceId, conversationId);
}

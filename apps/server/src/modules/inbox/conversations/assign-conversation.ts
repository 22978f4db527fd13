import type { AssignConversationRequestSchema, Conversation } from '@charla/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import { requeueIfUnassigned, settleQueueWaits } from '../routing/queue-waits';
import { type AutomatedBy, type NewConversationEvent, recordConversationEvents } from './conversation-events';
import { findConversation } from './get-thread';

/**
 * Assigns (or transfers, with a note) a conversation to a member, a team, both or nobody. A
 * field left out keeps its value; null clears it. Each change is kept in the history, with who
 * made it: a member, or (`automatedBy`) an API key.
 */
export async function assignConversation(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify'>,
  actor: { workspaceId: string; userId: string | null; automatedBy?: AutomatedBy },
  conversationId: string,
  input: z.output<typeof AssignConversationRequestSchema>,
): Promise<Conversation> {
  const now = deps.clock.now();
  const changed = await deps.db.transaction(async (query) => {
    const [current] = await query<{ assignee_user_id: string | null; team_id: string | null }>(
      `SELECT assignee_user_id, team_id FROM conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [actor.workspaceId, conversationId],
    );
    if (!current) throw notFound('conversation');
    if (input.assigneeUserId) {
      const [member] = await query(
        'SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2',
        [actor.workspaceId, input.assigneeUserId],
      );
      if (!member) {
        throw new AppError('unprocessable', 'assignee_not_member', 'That person is not a member here.', [
          { path: 'assigneeUserId', message: 'Not a member of this workspace' },
        ]);
      }
    }
    if (input.teamId) {
      const [team] = await query('SELECT 1 FROM teams WHERE workspace_id = $1 AND id = $2', [
        actor.workspaceId,
        input.teamId,
      ]);
      if (!team) {
        throw new AppError('unprocessable', 'team_not_found', 'That team does not exist.', [
          { path: 'teamId', message: 'Not a team of this workspace' },
        ]);
      }
    }
    const assignee = input.assigneeUserId === undefined ? current.assignee_user_id : input.assigneeUserId;
    const team = input.teamId === undefined ? current.team_id : input.teamId;
    const base = {
      workspaceId: actor.workspaceId,
      conversationId,
      actorUserId: actor.userId,
      note: input.note || null,
      at: now,
      automatedBy: actor.automatedBy ?? null,
    };
    const events: NewConversationEvent[] = [];
    if (team !== current.team_id) events.push({ ...base, kind: 'team', from: current.team_id, to: team });
    if (assignee !== current.assignee_user_id) {
      events.push({ ...base, kind: 'assignee', from: current.assignee_user_id, to: assignee });
    }
    if (events.length === 0) return null;
    await query(
      'UPDATE conversations SET assignee_user_id = $3, team_id = $4 WHERE workspace_id = $1 AND id = $2',
      [actor.workspaceId, conversationId, assignee, team],
    );
    await recordConversationEvents(query, events);
    // Taken from the queue: its wait is recorded. Let go of: it waits from now.
    const queue = { workspaceId: actor.workspaceId, at: now };
    if (assignee && !current.assignee_user_id)
      await settleQueueWaits(query, { ...queue, conversationIds: [conversationId], by: 'member' });
    if (!assignee && current.assignee_user_id)
      await requeueIfUnassigned(query, { ...queue, conversationId, restart: true });
    return { userId: current.assignee_user_id, teamId: current.team_id };
  });
  if (changed) {
    await deps.notify([
      {
        kind: 'conversation.updated',
        workspaceId: actor.workspaceId,
        conversationId,
        formerlyAssigned: changed,
      },
    ]);
  }
  return findConversation(deps, actor.workspaceId, conversationId);
}

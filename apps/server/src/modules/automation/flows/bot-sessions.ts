import { type BotSession, FlowDefinitionSchema, type FlowState } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { assertConversationVisible, recordConversationEvents } from '../../inbox';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { recordAutomationAudit } from '../record-automation-audit';
import { botSessionsEnded } from './bot-session-events';

/** The bot running in a conversation, for whoever may see the conversation; null when none. */
export async function getBotSession(
  deps: AutomationDeps,
  actor: AutomationActor,
  conversationId: string,
): Promise<BotSession | null> {
  await assertConversationVisible(deps, actor, conversationId);
  const [row] = await deps.db.query<{
    id: string;
    flow_id: string;
    name: string;
    version: number;
    state: FlowState;
    definition: unknown;
    started_at: Date;
  }>(
    `SELECT s.id, s.flow_id, f.name, s.version, s.state, v.definition, s.started_at
       FROM bot_sessions s JOIN flows f ON f.id = s.flow_id
       JOIN flow_versions v ON v.flow_id = s.flow_id AND v.version = s.version
      WHERE s.workspace_id = $1 AND s.conversation_id = $2 AND s.status = 'active'`,
    [actor.workspaceId, conversationId],
  );
  if (!row) return null;
  const node = FlowDefinitionSchema.parse(row.definition).nodes.find((n) => n.id === row.state.nodeId);
  return {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.name,
    version: row.version,
    nodeId: row.state.nodeId ?? '',
    nodeType: node?.type ?? null,
    variables: row.state.variables ?? {},
    startedAt: new Date(row.started_at).toISOString(),
  };
}

/** "Stop bot": the conversation's session ends now, and the thread says who stopped it. */
export async function stopBotSession(
  deps: AutomationDeps,
  actor: AutomationActor,
  conversationId: string,
): Promise<void> {
  await assertConversationVisible(deps, actor, conversationId);
  const stopped = await deps.db.transaction(async (query) => {
    const [session] = await query<{ id: string; flow_id: string; name: string }>(
      `UPDATE bot_sessions s SET status = 'stopped', end_reason = 'stopped_by_member', ended_at = $3
         FROM flows f WHERE f.id = s.flow_id AND s.workspace_id = $1 AND s.conversation_id = $2 AND s.status = 'active'
       RETURNING s.id, s.flow_id, f.name`,
      [actor.workspaceId, conversationId, deps.clock.now()],
    );
    if (!session) throw notFound('bot_session');
    await query('DELETE FROM automation_inbox WHERE session_id = $1 AND error IS NULL', [session.id]);
    await botSessionsEnded.emit(query, [{ workspaceId: actor.workspaceId, sessionId: session.id }]);
    await recordConversationEvents(query, [
      {
        workspaceId: actor.workspaceId,
        conversationId,
        actorUserId: actor.userId,
        kind: 'automation',
        from: null,
        to: 'bot_stopped',
        note: null,
        at: deps.clock.now(),
        automatedBy: { kind: 'flow', id: session.flow_id, name: session.name },
      },
    ]);
    return session;
  });
  await recordAutomationAudit(deps, actor, {
    action: 'bot.stopped',
    targetType: 'flow',
    targetId: stopped.flow_id,
    targetLabel: stopped.name,
    details: { conversationId },
  });
  await deps.notify([{ kind: 'conversation.updated', workspaceId: actor.workspaceId, conversationId }]);
}

/**
 * Starts a bot in a conversation the member may see (and the public API will): a row for the
 * automation worker, which starts it (or says why not in the thread) exactly once.
 */
export async function startBot(
  deps: AutomationDeps,
  actor: AutomationActor,
  conversationId: string,
  flowId: string,
): Promise<void> {
  await assertConversationVisible(deps, actor, conversationId);
  const [row] = await deps.db.query<{ name: string }>(
    `WITH queued AS (
       INSERT INTO automation_inbox (workspace_id, kind, conversation_id, flow_id, due_at)
       SELECT c.workspace_id, 'flow_start', c.id, f.id, '-infinity'::timestamptz
         FROM conversations c JOIN flows f ON f.workspace_id = c.workspace_id AND f.id = $3
        WHERE c.workspace_id = $1 AND c.id = $2
       RETURNING flow_id)
     SELECT f.name FROM queued q JOIN flows f ON f.id = q.flow_id`,
    [actor.workspaceId, conversationId, flowId],
  );
  if (!row) throw notFound('flow');
  deps.wakeAutomation();
  await recordAutomationAudit(deps, actor, {
    action: 'bot.started',
    targetType: 'flow',
    targetId: flowId,
    targetLabel: row.name,
    details: { conversationId },
  });
}

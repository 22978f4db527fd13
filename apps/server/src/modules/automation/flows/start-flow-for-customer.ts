import { AppError, notFound } from '../../../platform/errors';
import { type InboxDeps, openCustomerConversation } from '../../inbox';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { startBot } from './bot-sessions';

/**
 * A published bot starts in a customer's conversation with a number (opened as needed), for
 * callers that name the customer rather than the conversation: the public API and incoming
 * webhook triggers. Queued for the automation worker as a member's "Start bot" is. What would
 * stop it is said now: no such bot, never published, the contact opted out, a bot already
 * running there. `path` names the request's field that said whom, for the error.
 */
export async function startFlowForCustomer(
  deps: { automation: AutomationDeps; inbox: InboxDeps },
  actor: AutomationActor,
  flowId: string,
  customer: { channelId?: string | undefined; to: string; name?: string | null; path: string },
): Promise<{ conversationId: string; contactId: string }> {
  const [flow] = await deps.automation.db.query<{ name: string; published_version: number | null }>(
    'SELECT name, published_version FROM flows WHERE workspace_id = $1 AND id = $2',
    [actor.workspaceId, flowId],
  );
  if (!flow) throw notFound('flow');
  if (flow.published_version === null) {
    throw new AppError(
      'unprocessable',
      'flow_not_published',
      `The bot "${flow.name}" was never published; publish it in Automation › Bots first.`,
    );
  }
  const { conversationId, contactId } = await openCustomerConversation(
    deps.inbox,
    actor.workspaceId,
    { channelId: customer.channelId, to: customer.to, name: customer.name },
    { path: customer.path, refuseOptedOut: true },
  );
  const [running] = await deps.automation.db.query<{ name: string }>(
    `SELECT f.name FROM bot_sessions s JOIN flows f ON f.id = s.flow_id
      WHERE s.workspace_id = $1 AND s.conversation_id = $2 AND s.status = 'active'`,
    [actor.workspaceId, conversationId],
  );
  if (running) {
    throw new AppError(
      'conflict',
      'bot_running',
      `The bot "${running.name}" is running in this conversation; one bot at a time.`,
      undefined,
      { conversationId },
    );
  }
  await startBot(deps.automation, actor, conversationId, flowId);
  return { conversationId, contactId };
}

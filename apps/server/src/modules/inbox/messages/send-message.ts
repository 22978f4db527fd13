import type { Message, SendMessageRequest } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import {
  assertConversationVisible,
  hiddenConversation,
  type Viewer,
  visibleConversationsSql,
} from '../conversations/conversation-access';
import { getConversationWindow } from '../conversations/conversation-window';
import type { InboxDeps } from '../inbox.deps';
import { assertNumberConnected } from './number-disconnected';
import { buildOutboundContent } from './outbound-request';
import { queueOutbound } from './queue-outbound';
import { sendTemplateMessage } from './send-template-message';

/**
 * An agent's free-form message (text, file, location, contacts, buttons or list). WhatsApp
 * allows these only inside the 24-hour window, so Charla refuses them here, before anything
 * reaches Meta, with the reason and the way out; the same for content WhatsApp would refuse.
 * A template (`{ template }`) may be sent at any time: see send-template-message.ts.
 */
export async function sendMessage(
  deps: InboxDeps,
  actor: Viewer,
  conversationId: string,
  request: SendMessageRequest,
): Promise<Message> {
  if ('template' in request && request.template) {
    await assertConversationVisible(deps, actor, conversationId);
    return sendTemplateMessage(deps, actor, conversationId, request.template);
  }
  const conversation = await findWindow(deps, actor, conversationId);
  assertWindowOpen(conversation.window);
  const replyToExternalId = request.replyToMessageId
    ? await findReplyTarget(deps, actor.workspaceId, conversationId, request.replyToMessageId)
    : null;
  const content = await buildOutboundContent(
    deps,
    actor.workspaceId,
    { channelId: conversation.channelId, conversationId },
    request as SendMessageRequest & { type: string },
    replyToExternalId,
  );
  return queueOutbound(deps, actor, conversation, content, replyToExternalId);
}

/**
 * What a reply needs of its conversation: its number and the customer's window, and whether this
 * member may see it (404 outside the workspace, 403 when hidden from them), in one light query.
 */
async function findWindow(deps: Pick<InboxDeps, 'db' | 'clock'>, viewer: Viewer, id: string) {
  const visible = visibleConversationsSql(viewer, 3);
  const [row] = await deps.db.query<{
    channel_id: string;
    last_inbound_at: Date | null;
    visible: boolean;
    status: string;
    display_phone_number: string;
  }>(
    `SELECT c.channel_id, c.last_inbound_at, ${visible.sql} AS visible, ch.status, ch.display_phone_number
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [viewer.workspaceId, id, ...visible.params],
  );
  if (!row) throw notFound('conversation');
  if (!row.visible) throw hiddenConversation();
  assertNumberConnected(row);
  const window = getConversationWindow(
    row.last_inbound_at && new Date(row.last_inbound_at),
    deps.clock.now(),
  );
  return {
    id,
    channelId: row.channel_id,
    window: { isOpen: window.isOpen, expiresAt: window.expiresAt?.toISOString() ?? null },
  };
}

export function assertWindowOpen(window: { isOpen: boolean; expiresAt: string | null }): void {
  if (window.isOpen) return;
  const since = window.expiresAt
    ? `The window closed at ${window.expiresAt}.`
    : 'This customer has not written to you yet.';
  throw new AppError(
    'unprocessable',
    'window_closed',
    `${since} WhatsApp allows free-form messages only within 24 hours of the customer's last message; send an approved template instead.`,
  );
}

/** The quoted message's channel id; it must be in this conversation and known to the channel. */
async function findReplyTarget(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  conversationId: string,
  messageId: string,
): Promise<string> {
  const [target] = await deps.db.query<{ external_id: string | null }>(
    'SELECT external_id FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND id = $3',
    [workspaceId, conversationId, messageId],
  );
  if (!target)
    throw new AppError(
      'not_found',
      'reply_target_not_found',
      'The message to reply to is not in this conversation.',
    );
  if (!target.external_id) {
    throw new AppError(
      'unprocessable',
      'reply_target_not_sent',
      'The message to reply to has not reached WhatsApp yet; wait for it to be sent, then reply.',
    );
  }
  return target.external_id;
}

import type { Message, SendMessageRequest } from '@charla/contracts';
import type { Database } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import { createGroupCommit, groupCommitPer } from '../../../platform/group-commit';
import {
  agentMaySeeSql,
  assertConversationVisible,
  hiddenConversation,
  type Viewer,
} from '../conversations/conversation-access';
import { getConversationWindow } from '../conversations/conversation-window';
import type { InboxDeps } from '../inbox.deps';
import { assertNumberConnected } from './number-disconnected';
import { buildOutboundContent } from './outbound-request';
import { queueOutbound, type SentAs, senderOf } from './queue-outbound';
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
  /** Sent by the API (no person): who to name, and the message's id when the caller chose it. */
  as: SentAs = {},
): Promise<Message> {
  if ('template' in request && request.template) {
    await assertConversationVisible(deps, actor, conversationId);
    return sendTemplateMessage(deps, actor, conversationId, request.template, as);
  }
  return sendFreeForm(deps, actor, await findWindow(deps, actor, conversationId), request, as);
}

/** What a free-form send needs of its conversation, read beforehand (see `windowAt`). */
export interface ConversationWindow {
  id: string;
  channelId: string;
  window: { isOpen: boolean; expiresAt: string | null };
}

/**
 * `sendMessage` for a conversation whose window the caller read already, in the same statement
 * as the rest it needed (an API send to a known customer): the window, the content's checks, the
 * outbox.
 */
export async function sendFreeForm(
  deps: InboxDeps,
  actor: Viewer,
  conversation: ConversationWindow,
  request: SendMessageRequest,
  as: SentAs = {},
): Promise<Message> {
  const conversationId = conversation.id;
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
  return queueOutbound(deps, senderOf(actor, as), conversation, content, replyToExternalId, undefined, as);
}

/**
 * What a reply needs of its conversation: its number and the customer's window, and whether this
 * member may see it (404 outside the workspace, 403 when hidden from them).
 */
async function findWindow(
  deps: Pick<InboxDeps, 'db' | 'clock'>,
  viewer: Viewer,
  id: string,
): Promise<ConversationWindow> {
  const row = await windowLookupOf(deps.db).write({ viewer, id });
  if (!row) throw notFound('conversation');
  if (!row.visible) throw hiddenConversation();
  assertNumberConnected(row);
  return { id, channelId: row.channel_id, window: windowAt(row.last_inbound_at, deps.clock.now()) };
}

/** The customer's 24-hour window at `now`, from their last message's time. */
export function windowAt(lastInboundAt: Date | string | null, now: Date): ConversationWindow['window'] {
  const window = getConversationWindow(lastInboundAt ? new Date(lastInboundAt) : null, now);
  return { isOpen: window.isOpen, expiresAt: window.expiresAt?.toISOString() ?? null };
}

interface WindowRow {
  n: string;
  channel_id: string;
  last_inbound_at: Date | null;
  visible: boolean;
  status: string;
  display_phone_number: string;
}

/**
 * Every reply reads its conversation first: the reads in flight together share one light query
 * (a group read, as their inserts share one statement), each checked for its own viewer.
 */
const windowLookupOf = groupCommitPer((db: Database) =>
  createGroupCommit(
    async (asks: { viewer: Viewer; id: string }[]) => {
      const rows = await db.query<WindowRow & Record<string, unknown>>(
        `SELECT v.n, c.channel_id, c.last_inbound_at, ch.status, ch.display_phone_number,
              (v.role <> 'agent' OR ${agentMaySeeSql('v.user_id')}) AS visible
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS v(ws, id, user_id, role, n)
         JOIN conversations c ON c.workspace_id = v.ws AND c.id = v.id
         JOIN channels ch ON ch.id = c.channel_id`,
        [
          asks.map((a) => a.viewer.workspaceId),
          asks.map((a) => a.id),
          asks.map((a) => a.viewer.userId),
          asks.map((a) => a.viewer.role),
        ],
      );
      const byN = new Map(rows.map((r) => [Number(r.n), r]));
      return asks.map((_, i) => byN.get(i + 1));
    },
    { isolateFailures: true },
  ),
);

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

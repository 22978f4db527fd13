import type { AutomatedBy, Message, SendMessageRequest } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { workspaceViewer } from '../conversations/conversation-access';
import { MESSAGE_COLUMNS, MESSAGE_FROM, type MessageRow } from '../conversations/conversation-view';
import {
  addContact,
  findContact,
  findContactByPhone,
  openConversation,
  readPhone,
} from '../conversations/customer-recipient';
import { toNewMessage } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { knownRecipient } from './known-recipient';
import { assertNumberConnected } from './number-disconnected';
import { sendFreeForm, sendMessage, windowAt } from './send-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CustomerSend {
  /** The number to send from; may be left out when the workspace has one. */
  channelId?: string | undefined;
  /** A contact's id, or a phone number (+E.164, or national in the workspace's default country). */
  to: string;
  message: SendMessageRequest;
  /** The message's id, chosen by the caller (an idempotent API send). */
  messageId: string;
  /** A retry of a send that died half-way: the message may be stored already, and is answered if so. */
  resumed?: boolean;
  /** The name a customer Charla does not know yet is saved with. */
  name?: string | null;
}

export interface CustomerSent {
  message: Message;
  conversationId: string;
  contactId: string;
}

/**
 * A message the API sends to a customer by contact id or phone: the contact is found in any form
 * of the number (or added), their conversation with the number reused or opened (unassigned, so
 * it joins the queue when they answer), and the message goes through the same checks and the same
 * outbox as an agent's reply: free-form only within the 24-hour window, a template at any time.
 * A resumed send whose message is stored already answers it.
 */
export async function sendToCustomer(
  deps: InboxDeps,
  sender: { workspaceId: string; by: AutomatedBy },
  send: CustomerSend,
): Promise<CustomerSent> {
  const { workspaceId } = sender;
  if (send.resumed) {
    const stored = await storedMessage(deps, workspaceId, send.messageId);
    if (stored) return stored;
  }
  // No person sends: `by` names the key or the integration.
  const as = { by: sender.by, id: send.messageId };
  const known = await knownRecipient(deps.db, workspaceId, send.channelId, send.to);
  if (known) {
    const viewer = workspaceViewer(workspaceId);
    const message =
      'template' in send.message && send.message.template
        ? await sendMessage(deps, viewer, known.conversationId, send.message, as)
        : await sendFreeForm(
            deps,
            viewer,
            {
              id: known.conversationId,
              channelId: known.channelId,
              window: windowAt(known.lastInboundAt, deps.clock.now()),
            },
            send.message,
            as,
          );
    return { message, conversationId: known.conversationId, contactId: known.contactId };
  }
  const { conversationId, contactId } = await openCustomerConversation(deps, workspaceId, send);
  const message = await sendMessage(deps, workspaceViewer(workspaceId), conversationId, send.message, as);
  return { message, conversationId, contactId };
}

/**
 * The customer's conversation with the number, for whoever writes to them by contact id or phone
 * (an API send, a bot the API starts): the contact is found in any form of the number or added,
 * the conversation reused or opened unassigned. `refuseOptedOut` stops before anything is written
 * for a contact who opted out.
 */
export async function openCustomerConversation(
  deps: InboxDeps,
  workspaceId: string,
  customer: { channelId?: string | undefined; to: string; name?: string | null | undefined },
  opts: { path?: string; refuseOptedOut?: boolean } = {},
): Promise<{ conversationId: string; contactId: string; channelId: string }> {
  const channel = await numberToSendFrom(deps, workspaceId, customer.channelId);
  const contact = UUID.test(customer.to)
    ? await findContact(deps.db.query, workspaceId, customer.to)
    : await findContactByPhone(
        deps.db.query,
        workspaceId,
        readPhone(customer.to, channel.default_country, opts.path ?? 'to'),
      );
  if (opts.refuseOptedOut && contact.optedOut) {
    throw new AppError(
      'unprocessable',
      'contact_opted_out',
      'This contact opted out of messages from the business; Charla does not start conversations with them.',
      [{ path: opts.path ?? 'to', message: 'The contact opted out' }],
    );
  }
  const contactId = contact.id ?? (await addContact(deps, { workspaceId }, contact.number!, customer.name));
  const conversation = await openConversation(
    deps.db.query,
    workspaceId,
    null,
    channel.id,
    contactId,
    deps.clock.now(),
  );
  return { conversationId: conversation.id, contactId, channelId: channel.id };
}

async function storedMessage(
  deps: InboxDeps,
  workspaceId: string,
  messageId: string,
): Promise<CustomerSent | null> {
  const [row] = await deps.db.query<MessageRow & { contact_id: string } & Record<string, unknown>>(
    `SELECT ${MESSAGE_COLUMNS}, c.contact_id FROM ${MESSAGE_FROM}
       JOIN conversations c ON c.id = m.conversation_id
      WHERE m.workspace_id = $1 AND m.id = $2`,
    [workspaceId, messageId],
  );
  if (!row) return null;
  const message = await toNewMessage(deps, workspaceId, row);
  return { message, conversationId: message.conversationId, contactId: row.contact_id };
}

/** The number named, or the workspace's only connected one. */
export async function numberToSendFrom(deps: InboxDeps, workspaceId: string, channelId: string | undefined) {
  const rows = await deps.db.query<{
    id: string;
    status: string;
    display_phone_number: string;
    default_country: string | null;
  }>(
    `SELECT ch.id, ch.status, ch.display_phone_number, w.default_country
       FROM channels ch JOIN workspaces w ON w.id = ch.workspace_id
      WHERE ch.workspace_id = $1 AND ($2::uuid IS NULL OR ch.id = $2::uuid)
        AND ($2::uuid IS NOT NULL OR ch.status = 'connected')
      ORDER BY ch.created_at`,
    [workspaceId, channelId ?? null],
  );
  if (channelId !== undefined) {
    const [channel] = rows;
    if (!channel) throw notFound('channel');
    assertNumberConnected(channel);
    return channel;
  }
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) {
    throw new AppError(
      'unprocessable',
      'no_connected_number',
      'This workspace has no connected WhatsApp number to send from; connect one in Settings > Numbers.',
    );
  }
  throw new AppError(
    'invalid',
    'channel_required',
    `This workspace has ${rows.length} numbers; say which one sends with "channel" (one of ${rows.map((r) => r.id).join(', ')}).`,
    [{ path: 'channel', message: 'Required when the workspace has more than one number' }],
  );
}

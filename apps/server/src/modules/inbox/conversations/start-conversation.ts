import type { StartConversationRequest, StartedConversation } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import { prepareTemplateSend } from '../../templates';
import type { InboxDeps } from '../inbox.deps';
import { assertNumberConnected } from '../messages/number-disconnected';
import { sendTemplateMessage } from '../messages/send-template-message';
import { assertConversationVisible } from './conversation-access';
import {
  addContact,
  assertNoUnknownValues,
  findContact,
  findContactByPhone,
  openConversation,
  readPhone,
  templateValuesOf,
} from './customer-recipient';

/**
 * A business writes first: WhatsApp allows it only with an approved template (outside the
 * customer's 24-hour window nothing else may be sent). The customer is a known contact or a
 * typed number; a number already known in another form (Mexico's 521, Argentina's 549, Brazil's
 * ninth digit) is the contact that has it. Their conversation with this number is reused, or
 * opened and assigned to whoever started it, so the customer's answer comes back to them.
 * Everything the template send would refuse is checked before a contact or conversation is
 * written; the send itself is the inbox's template send.
 */
export async function startConversation(
  deps: InboxDeps,
  actor: AuthContext,
  request: StartConversationRequest,
): Promise<StartedConversation> {
  const [channel] = await deps.db.query<{
    id: string;
    waba_id: string;
    status: string;
    display_phone_number: string;
    default_country: string | null;
  }>(
    `SELECT ch.id, ch.waba_id, ch.status, ch.display_phone_number, w.default_country
       FROM channels ch JOIN workspaces w ON w.id = ch.workspace_id
      WHERE ch.workspace_id = $1 AND ch.id = $2`,
    [actor.workspaceId, request.channelId],
  );
  if (!channel) throw notFound('channel');
  assertNumberConnected(channel);
  const contact = request.contactId
    ? await findContact(deps.db.query, actor.workspaceId, request.contactId)
    : await findContactByPhone(
        deps.db.query,
        actor.workspaceId,
        readPhone(request.phone ?? '', channel.default_country),
      );

  const values = templateValuesOf(request.template.values);
  const prepared = await prepareTemplateSend(
    deps.db,
    { workspaceId: actor.workspaceId, wabaId: channel.waba_id, contactOptedOut: contact.optedOut },
    { templateId: request.template.templateId, values },
  );
  assertNoUnknownValues(prepared.template, values);

  const contactId = contact.id ?? (await addContact(deps, actor, contact.number!));
  const conversation = await openConversation(
    deps.db.query,
    actor.workspaceId,
    actor.userId,
    channel.id,
    contactId,
    deps.clock.now(),
  );
  if (!conversation.created) await assertConversationVisible(deps, actor, conversation.id);
  const message = await sendTemplateMessage(deps, actor, conversation.id, {
    templateId: request.template.templateId,
    values,
  });
  return { conversationId: conversation.id, contactId, messageId: message.id, created: conversation.created };
}

import { AppError } from '../../../platform/errors';
import type { ApiCaller, ApiDeps } from '../api.deps';
import type { ApiSendMessage } from '../v1/meta-message';
import { sendApiMessage } from '../v1/send-api-message';

/**
 * A send through Meta's own endpoint: the number is named by its phone number id, `to` is read as
 * an international number (with or without its +, never national, as Meta reads it), and the
 * answer is Meta's (`contacts` with the customer's WhatsApp id, `messages` with Charla's id).
 */
export async function sendGraphMessage(
  deps: ApiDeps,
  caller: ApiCaller,
  phoneNumberId: string,
  body: ApiSendMessage,
  messageId: string,
  resumed: boolean,
) {
  const channel = await channelOf(deps, caller, phoneNumberId);
  const to = body.to.startsWith('+') ? body.to : `+${body.to}`;
  const sent = await sendApiMessage(deps, caller, { ...body, to, channel }, messageId, resumed);
  return {
    messaging_product: 'whatsapp' as const,
    contacts: [{ input: body.to, wa_id: await waIdOf(deps, sent.contactId) }],
    messages: [{ id: sent.id, message_status: 'accepted' as const }],
  };
}

export async function channelOf(deps: ApiDeps, caller: ApiCaller, phoneNumberId: string): Promise<string> {
  const [row] = await deps.db.query<{ id: string }>(
    'SELECT id FROM channels WHERE workspace_id = $1 AND external_id = $2',
    [caller.workspaceId, phoneNumberId],
  );
  if (!row) {
    throw new AppError(
      'not_found',
      'channel_not_found',
      `Object with ID '${phoneNumberId}' does not exist in this workspace: use the phone number id of one of its numbers (GET /api/v1/channels).`,
    );
  }
  return row.id;
}

async function waIdOf(deps: ApiDeps, contactId: string): Promise<string | undefined> {
  const [row] = await deps.db.query<{ wa_id: string | null; phone: string | null }>(
    'SELECT wa_id, phone FROM contacts WHERE id = $1',
    [contactId],
  );
  return row?.wa_id ?? row?.phone?.replace(/^\+/, '') ?? undefined;
}

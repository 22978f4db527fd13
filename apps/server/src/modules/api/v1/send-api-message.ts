import { AppError } from '../../../platform/errors';
import { sendToCustomer } from '../../inbox';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { type ApiSendMessage, toSendRequest } from './meta-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AcceptedMessage {
  id: string;
  status: string;
  conversationId: string;
  contactId: string;
}

/**
 * `POST /api/v1/messages`: Meta's message shape to a contact id or a phone number, sent as the key
 * (the thread shows "API key «name»") through the inbox's checks and the number's outbox. A
 * template is found by name and language among the number's account's templates.
 */
export async function sendApiMessage(
  deps: ApiDeps,
  caller: ApiCaller,
  body: ApiSendMessage,
  messageId: string,
  resumed = false,
): Promise<AcceptedMessage> {
  const templateId = body.type === 'template' ? await findTemplate(deps, caller, body) : undefined;
  const replyToMessageId = body.context ? await findQuoted(deps, caller, body.context.message_id) : undefined;
  const sent = await sendToCustomer(
    deps.inbox,
    { workspaceId: caller.workspaceId, by: { kind: 'api', id: caller.keyId, name: caller.keyName } },
    {
      channelId: body.channel,
      to: body.to,
      message: toSendRequest(body, { templateId, replyToMessageId }),
      messageId,
      resumed,
    },
  );
  return {
    id: sent.message.id,
    status: sent.message.status ?? 'queued',
    conversationId: sent.conversationId,
    contactId: sent.contactId,
  };
}

async function findTemplate(
  deps: ApiDeps,
  caller: ApiCaller,
  body: Extract<ApiSendMessage, { type: 'template' }>,
): Promise<string> {
  const { name, language } = body.template;
  const rows = await deps.db.query<{ id: string; language: string; status: string }>(
    `SELECT t.id, t.language, t.status FROM templates t
      WHERE t.workspace_id = $1 AND t.name = $2
        AND ($3::uuid IS NULL OR t.waba_id = (SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $3::uuid))
      ORDER BY t.language = $4 DESC, t.status = 'approved' DESC, t.created_at`,
    [caller.workspaceId, name, body.channel ?? null, language.code],
  );
  const exact = rows.find((r) => r.language === language.code);
  if (exact) return exact.id;
  const others = [...new Set(rows.map((r) => r.language))];
  throw new AppError(
    'unprocessable',
    'template_not_found',
    others.length > 0
      ? `The template "${name}" has no ${language.code} version; it exists in ${others.join(', ')}.`
      : `There is no template named "${name}"; GET /api/v1/templates lists them.`,
    [{ path: others.length > 0 ? 'template.language.code' : 'template.name', message: 'No such template' }],
  );
}

/** The quoted message: Charla's id for it or its wamid. */
async function findQuoted(deps: ApiDeps, caller: ApiCaller, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const [row] = await deps.db.query<{ id: string }>(
    'SELECT id FROM messages WHERE workspace_id = $1 AND external_id = $2 LIMIT 1',
    [caller.workspaceId, ref],
  );
  if (!row) {
    throw new AppError('not_found', 'reply_target_not_found', `No message has the id ${ref}.`, [
      { path: 'context.message_id', message: 'No such message' },
    ]);
  }
  return row.id;
}

import type { ApiMessage } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import type { ApiCaller, ApiDeps } from '../api.deps';

/** GET /api/v1/messages/:id: one message of the key's workspace, with its status and error. */
export async function getApiMessage(deps: ApiDeps, caller: ApiCaller, id: string): Promise<ApiMessage> {
  const [row] = await deps.db.query<{
    id: string;
    conversation_id: string;
    direction: 'inbound' | 'outbound';
    type: string;
    text: string | null;
    status: string | null;
    error: { code?: number | null; reason?: string } | null;
    external_id: string | null;
    occurred_at: Date;
  }>(
    `SELECT id, conversation_id, direction, type, text, status, error, external_id, occurred_at
       FROM messages WHERE workspace_id = $1 AND id = $2`,
    [caller.workspaceId, id],
  );
  if (!row) throw notFound('message');
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    type: row.type,
    text: row.text,
    status: row.status,
    error: row.error ? { code: row.error.code ?? null, reason: row.error.reason ?? '' } : null,
    wamid: row.external_id,
    createdAt: new Date(row.occurred_at).toISOString(),
  };
}

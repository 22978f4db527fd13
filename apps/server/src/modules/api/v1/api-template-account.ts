import { AppError, notFound } from '../../../platform/errors';
import type { ApiCaller, ApiDeps } from '../api.deps';

/**
 * The WhatsApp Business Account a key's new template goes to: the account of the number named,
 * or the one account all the workspace's numbers share.
 */
export async function templateAccountOf(
  deps: ApiDeps,
  caller: ApiCaller,
  channelId: string | undefined,
): Promise<string> {
  if (channelId) {
    const [row] = await deps.db.query<{ waba_id: string }>(
      'SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $2',
      [caller.workspaceId, channelId],
    );
    if (!row) throw notFound('channel');
    return row.waba_id;
  }
  const wabas = await deps.templates.wabasOf(caller.workspaceId);
  if (wabas.length === 1) return wabas[0]!;
  if (wabas.length === 0) {
    throw new AppError(
      'unprocessable',
      'no_connected_number',
      'This workspace has no WhatsApp number yet; connect one in Settings > Numbers.',
    );
  }
  throw new AppError(
    'invalid',
    'channel_required',
    `This workspace's numbers belong to ${wabas.length} WhatsApp Business Accounts; say which with "channel" (a number's id, GET /api/v1/channels).`,
    [{ path: 'channel', message: 'Required when the numbers belong to more than one account' }],
  );
}

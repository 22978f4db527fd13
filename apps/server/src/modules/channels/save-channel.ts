import { AppError } from '../../platform/errors';
import type { ChannelRecord } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';

/** Creates or updates a channel by its phone number id; secrets are sealed before they are stored. */
export async function saveChannel(
  deps: ChannelsDeps,
  c: Omit<ChannelRecord, 'id' | 'status' | 'lastError'> & {
    status?: ChannelRecord['status'];
    lastError?: string | null;
  },
): Promise<string> {
  const [row] = await deps.db.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url, graph_version,
                           access_token_enc, app_secret_enc, verify_token_enc, status, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (external_id) DO UPDATE SET
       name = EXCLUDED.name, display_phone_number = EXCLUDED.display_phone_number, waba_id = EXCLUDED.waba_id,
       graph_base_url = EXCLUDED.graph_base_url, graph_version = EXCLUDED.graph_version,
       access_token_enc = EXCLUDED.access_token_enc, app_secret_enc = EXCLUDED.app_secret_enc,
       verify_token_enc = EXCLUDED.verify_token_enc, status = EXCLUDED.status, last_error = EXCLUDED.last_error
     WHERE channels.workspace_id = EXCLUDED.workspace_id
     RETURNING id`,
    [
      c.workspaceId,
      c.kind,
      c.name,
      c.phoneNumberId,
      c.displayPhoneNumber,
      c.wabaId,
      c.graphBaseUrl,
      c.graphVersion,
      deps.secrets.encrypt(c.accessToken),
      deps.secrets.encrypt(c.appSecret),
      deps.secrets.encrypt(c.verifyToken),
      c.status ?? 'connected',
      c.lastError ?? null,
    ],
  );
  if (!row) throw numberTaken(c.phoneNumberId);
  return row.id;
}

export const numberTaken = (phoneNumberId: string, disconnected = false) =>
  new AppError(
    'conflict',
    'channel_taken',
    disconnected
      ? `Phone number id ${phoneNumberId} belongs to another Charla workspace, where it is disconnected and keeps its conversations. Reconnect it there (Settings › Numbers); a number cannot move between workspaces.`
      : `Phone number id ${phoneNumberId} is already connected to another Charla workspace: a number belongs to one workspace, with its conversations, and cannot be connected to a second one.`,
    [{ path: 'phoneNumberId', message: 'This number is already connected to another workspace.' }],
  );

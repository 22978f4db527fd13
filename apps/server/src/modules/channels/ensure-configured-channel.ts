import type { ChannelDirectory } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import { saveChannel } from './save-channel';

export interface ConfiguredNumber {
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphBaseUrl: string;
  graphVersion: string;
}

/**
 * A real number given in the environment is connected to the first workspace, unless an owner or
 * admin disconnected it in Settings: that choice outlives restarts (reconnect it in Settings).
 */
export async function ensureConfiguredChannel(
  deps: ChannelsDeps & { directory: ChannelDirectory },
  number: ConfiguredNumber | null,
): Promise<void> {
  if (!number) return;
  const [first] = await deps.db.query<{ id: string }>(
    'SELECT id FROM workspaces ORDER BY created_at LIMIT 1',
  );
  if (!first) return;
  const [disconnected] = await deps.db.query(
    `SELECT 1 FROM channels WHERE external_id = $1 AND status = 'disconnected'`,
    [number.phoneNumberId],
  );
  if (disconnected) return;
  await saveChannel(deps, {
    workspaceId: first.id,
    kind: 'cloud',
    name: 'WhatsApp',
    ...number,
  });
  deps.directory.invalidate();
}

import type { MessageError } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { ChannelDirectory } from './channel-directory';
import type { ChannelsDeps } from './channels.deps';
import type { ChannelActor } from './connect-channel';
import { NUMBER_DISCONNECTED_REASON } from './whatsapp/whatsapp-gateway';

/**
 * What stops with the number, done by the modules that own it (wired in container.ts) inside the
 * disconnect's transaction: queued sends fail with `error`, broadcasts on it pause with `reason`.
 * Answers what to push to the browsers once it commits.
 */
export type StopSendsOf = (
  query: Query,
  number: { workspaceId: string; channelId: string },
  why: { error: MessageError; reason: string },
) => Promise<() => Promise<void>>;

export interface DisconnectChannelDeps extends ChannelsDeps {
  directory: ChannelDirectory;
  stopSendsOf: StopSendsOf;
  /** Tells every Charla process to reload its channel directory (event bus). */
  channelsChanged(workspaceId: string): Promise<void>;
}

export const BROADCAST_NUMBER_DISCONNECTED_REASON =
  'The number of this broadcast was disconnected, so sending stopped. Reconnect it in Settings › Numbers, then resume the broadcast, or cancel it.';

/**
 * Disconnects a WhatsApp number of the workspace (owner and admins). What it means:
 * - the history stays: conversations and messages remain readable, the number is listed as
 *   `disconnected` (Settings, the inbox's number filter);
 * - its access token and app secret are wiped from the row (not just hidden); the verify token
 *   stays, so a reconnect does not need Meta's webhook settings changed;
 * - it is gone for everything else: its webhooks are treated as those of an unknown number
 *   (stored, never applied; 401 when only its forgotten secret signed them), its queued messages
 *   fail with a reason, its broadcasts pause, and new sends on its conversations get 409;
 * - connecting the same phone number id again (POST /api/channels) reconnects it, history included.
 * Sandbox numbers cannot be disconnected: they are simulated, hold no Meta credentials and reach
 * no real customer, so there is nothing to forget or to stop; SIMULATOR_ENABLED=false hides them.
 */
export async function disconnectChannel(
  deps: DisconnectChannelDeps,
  workspaceId: string,
  channelId: string,
  actor: ChannelActor,
): Promise<void> {
  const { pushChanges, row } = await deps.db.transaction(async (query) => {
    const [row] = await query<{
      kind: string;
      status: string;
      external_id: string;
      display_phone_number: string;
      waba_id: string;
    }>(
      `SELECT kind, status, external_id, display_phone_number, waba_id FROM channels
        WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, channelId],
    );
    if (!row) throw notFound('channel');
    if (row.kind === 'sandbox')
      throw new AppError(
        'conflict',
        'sandbox_not_disconnectable',
        'Sandbox numbers cannot be disconnected: they are simulated, hold no Meta credentials and reach no real customer. To hide them, start Charla with SIMULATOR_ENABLED=false.',
      );
    if (row.status === 'disconnected')
      throw new AppError(
        'conflict',
        'channel_already_disconnected',
        `The number ${row.display_phone_number} is already disconnected. To use it again, connect it with phone number id ${row.external_id} and new credentials (POST /api/channels).`,
      );
    await query(
      `UPDATE channels SET status = 'disconnected', access_token_enc = '', app_secret_enc = '', last_error = NULL
        WHERE id = $1`,
      [channelId],
    );
    const pushChanges = await deps.stopSendsOf(
      query,
      { workspaceId, channelId },
      {
        error: { code: null, reason: NUMBER_DISCONNECTED_REASON, details: null },
        reason: BROADCAST_NUMBER_DISCONNECTED_REASON,
      },
    );
    return { pushChanges, row };
  });
  deps.directory.invalidate();
  await deps.channelsChanged(workspaceId);
  // The ids Meta shows on its API Setup page, never a token or a secret.
  await recordAudit(deps.db.orm, {
    workspaceId,
    action: 'channel.disconnected',
    ...(await auditActor(deps.db.orm, actor.userId)),
    targetType: 'channel',
    targetId: channelId,
    targetLabel: row.display_phone_number,
    ip: actor.ip,
    details: {
      phoneNumberId: row.external_id,
      wabaId: row.waba_id,
      displayPhoneNumber: row.display_phone_number,
    },
  });
  await pushChanges();
}

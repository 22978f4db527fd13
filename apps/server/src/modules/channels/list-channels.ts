import type { Channel, ChannelBacklog, Role } from '@charla/contracts';
import type { ChannelDirectory, ChannelRecord } from './channel-directory';

export interface ChannelView {
  simulatorUrl: string | null;
  /** Charla's public address: Meta posts to `${publicUrl}/webhooks/whatsapp`. */
  publicUrl: string;
}

const canSeeSecrets = (role: Role) => role === 'owner' || role === 'admin';

/** Each number's sends waiting to leave and recent failures (the outbox module answers it). */
export type BacklogOf = (workspaceId: string, channelIds: string[]) => Promise<Map<string, ChannelBacklog>>;

/** A channel as the API shows it; the verify token only to those who may configure Meta. */
export function toChannel(
  c: ChannelRecord,
  role: Role,
  view: ChannelView,
  backlog: ChannelBacklog | null = null,
): Channel {
  const isSandbox = c.kind === 'sandbox';
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    phoneNumberId: c.phoneNumberId,
    displayPhoneNumber: c.displayPhoneNumber,
    wabaId: c.wabaId,
    status: isSandbox && !view.simulatorUrl ? 'error' : c.status,
    phoneUrl: isSandbox && view.simulatorUrl ? `${view.simulatorUrl}/phone/${c.phoneNumberId}` : null,
    lastError:
      isSandbox && !view.simulatorUrl
        ? 'The simulator is turned off (SIMULATOR_ENABLED=false), so this sandbox number cannot send or receive.'
        : c.lastError,
    webhook:
      !isSandbox && c.status !== 'disconnected' && canSeeSecrets(role)
        ? { url: `${view.publicUrl}/webhooks/whatsapp`, verifyToken: c.verifyToken }
        : null,
    backlog,
  };
}

export async function listChannels(
  directory: ChannelDirectory,
  auth: { workspaceId: string; role: Role },
  view: ChannelView,
  backlogOf: BacklogOf,
): Promise<Channel[]> {
  const mine = (await directory.listed()).filter((c) => c.workspaceId === auth.workspaceId);
  const backlog = await backlogOf(
    auth.workspaceId,
    mine.map((c) => c.id),
  );
  return mine.map((c) => toChannel(c, auth.role, view, backlog.get(c.id) ?? null));
}

export async function getChannel(
  directory: ChannelDirectory,
  auth: { workspaceId: string; role: Role },
  view: ChannelView,
  backlogOf: BacklogOf,
  id: string,
): Promise<Channel | undefined> {
  const c = (await directory.listed()).find((c) => c.id === id);
  if (!c || c.workspaceId !== auth.workspaceId) return undefined;
  const backlog = await backlogOf(auth.workspaceId, [c.id]);
  return toChannel(c, auth.role, view, backlog.get(c.id) ?? null);
}

import type { Channel } from '@charla/contracts';
import type { ChannelDirectory } from './channel-directory';

export async function listChannels(
  directory: ChannelDirectory,
  workspaceId: string,
  simulatorUrl: string | null,
): Promise<Channel[]> {
  return (await directory.all())
    .filter((c) => c.workspaceId === workspaceId)
    .map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      phoneNumberId: c.phoneNumberId,
      displayPhoneNumber: c.displayPhoneNumber,
      status: c.kind === 'sandbox' && !simulatorUrl ? 'error' : c.status,
      phoneUrl: c.kind === 'sandbox' && simulatorUrl ? `${simulatorUrl}/phone/${c.phoneNumberId}` : null,
    }));
}

import type { ApiChannelHealth } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { numberBacklog } from '../../outbox';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { listApiChannels } from './list-api-channels';

/**
 * GET /api/v1/channels/:id: the number as the list shows it, whether it can send now, and its
 * outbox backlog and recent failures, as Settings › Numbers shows them on its card.
 */
export async function getApiChannel(deps: ApiDeps, caller: ApiCaller, id: string): Promise<ApiChannelHealth> {
  const channel = (await listApiChannels(deps, caller)).find((c) => c.id === id);
  if (!channel) throw notFound('channel');
  const backlog = await numberBacklog(deps.db, caller.workspaceId, [id], deps.clock.now());
  return {
    ...channel,
    connected: channel.status === 'connected',
    backlog: backlog.get(id) ?? {
      queued: 0,
      inDoubt: 0,
      oldestQueuedAt: null,
      failedLastHour: 0,
      lastError: null,
    },
  };
}

import type { BroadcastsDeps } from './broadcasts.deps';
import { PREPARE_BROADCAST_JOB, prepareBroadcast } from './prepare-broadcast';

export function defineBroadcastJobs(deps: BroadcastsDeps, onReady: () => void) {
  deps.jobs.define<{ broadcastId: string }>({
    name: PREPARE_BROADCAST_JOB,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async ({ broadcastId }) => prepareBroadcast(deps, broadcastId, onReady),
  });
}

import type { JobQueue } from '../../platform/jobs/job-queue';
import { listStrandedMedia } from '../inbox';
import type { ChannelDirectory } from './channel-directory';
import {
  cloudApiMediaSource,
  DOWNLOAD_MEDIA_JOB,
  type DownloadMediaDeps,
  downloadMedia,
} from './whatsapp/download-media';

export type ChannelJobsDeps = Omit<DownloadMediaDeps, 'channelById' | 'mediaSourceFor'> & {
  jobs: JobQueue;
  directory: ChannelDirectory;
  /** Tests swap the Graph client; production uses the channel's own base URL and token. */
  mediaSourceFor?: DownloadMediaDeps['mediaSourceFor'];
};

export function defineChannelJobs(deps: ChannelJobsDeps): void {
  const download: DownloadMediaDeps = {
    ...deps,
    channelById: (id) => deps.directory.byId(id),
    mediaSourceFor: deps.mediaSourceFor ?? cloudApiMediaSource,
  };
  deps.jobs.define<{ mediaId: string }>({
    name: DOWNLOAD_MEDIA_JOB,
    retryLimit: 4,
    retryDelaySeconds: 5,
    handler: (data, attempt) => downloadMedia(download, data.mediaId, attempt),
  });
}

/** One job per file; the media id as singleton key makes queueing twice harmless. */
export async function queueMediaDownloads(jobs: JobQueue, mediaIds: string[]): Promise<void> {
  for (const mediaId of mediaIds) {
    await jobs.send(DOWNLOAD_MEDIA_JOB, { mediaId }, { singletonKey: mediaId });
  }
}

/** After a crash between commit and queueing: queue again what is still pending after a while. */
export async function recoverStrandedMedia(
  deps: Pick<ChannelJobsDeps, 'db' | 'jobs'>,
  now: Date,
): Promise<number> {
  const ids = await listStrandedMedia(deps.db, new Date(now.getTime() - 10 * 60_000));
  await queueMediaDownloads(deps.jobs, ids);
  return ids.length;
}

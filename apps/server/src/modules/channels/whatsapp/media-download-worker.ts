import {
  type ClaimedDownload,
  claimMediaDownloads,
  postponeMediaDownload,
  releaseMediaDownloads,
} from '../../inbox';
import type { ChannelDirectory } from '../channel-directory';
import {
  cloudApiMediaSource,
  type DownloadMediaDeps,
  downloadMedia,
  RetryableMediaError,
} from './download-media';

export type MediaDownloadWorkerDeps = Omit<DownloadMediaDeps, 'channelById' | 'mediaSourceFor'> & {
  directory: Pick<ChannelDirectory, 'byId'>;
  /** Tests swap the Graph client; production uses the channel's own base URL and token. */
  mediaSourceFor?: DownloadMediaDeps['mediaSourceFor'];
  log: { error(obj: object, msg: string): void };
};

export interface MediaDownloadWorkerOptions {
  /** Downloads at once per WhatsApp number (Meta limits each number's calls). */
  perNumber?: number;
  /** Downloads at once in this process, all numbers together. */
  total?: number;
  /** How often to look without being woken: retries that came due, other processes' files. */
  pollMs?: number;
  /** Waits before each retry; the attempt after the last wait is the last one. */
  retryDelaysMs?: number[];
  /** A claim this old belongs to a process that died; its file is taken again. */
  staleClaimMs?: number;
  /** How long stop() waits for downloads under way. */
  stopTimeoutMs?: number;
}

const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000];
// Longer than the slowest download can take (two Graph calls of up to 2 minutes each).
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Downloads customer files, the pending rows of `media` being its queue. Ingest wakes it the
 * moment it stores a file; it then claims in batches and keeps going while files remain and
 * slots are free, a finished download freeing a slot. The slow poll finds what nobody woke it
 * for: retries that came due, claims of a dead process, files stored by another process.
 */
export function createMediaDownloadWorker(
  deps: MediaDownloadWorkerDeps,
  opts: MediaDownloadWorkerOptions = {},
) {
  const perNumber = opts.perNumber ?? 8;
  const total = opts.total ?? 32;
  const retryDelays = opts.retryDelaysMs ?? RETRY_DELAYS_MS;
  const download: DownloadMediaDeps = {
    ...deps,
    channelById: (id) => deps.directory.byId(id),
    mediaSourceFor: deps.mediaSourceFor ?? cloudApiMediaSource,
  };
  const busy = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  let running = false;
  let woken = false;
  let interrupt: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  function wake() {
    woken = true;
    interrupt?.();
  }

  async function run() {
    while (running) {
      woken = false;
      const started = await claimAndStart().catch((err) => {
        deps.log.error({ err }, 'claiming media downloads failed');
        return 0;
      });
      if (started > 0 || woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs ?? 5_000);
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      interrupt = null;
    }
  }

  async function claimAndStart(): Promise<number> {
    const claimed = await claimMediaDownloads(deps.db, {
      busy,
      perChannel: perNumber,
      limit: total - inFlight.size,
      staleClaimMs: opts.staleClaimMs ?? STALE_CLAIM_MS,
    });
    for (const file of claimed) start(file);
    return claimed.length;
  }

  function start(file: ClaimedDownload) {
    busy.set(file.channelId, (busy.get(file.channelId) ?? 0) + 1);
    const done = downloadOne(file).finally(() => {
      // Only a full number or a full process can have left due files behind.
      const wasFull = inFlight.size >= total || (busy.get(file.channelId) ?? 0) >= perNumber;
      const left = (busy.get(file.channelId) ?? 1) - 1;
      if (left > 0) busy.set(file.channelId, left);
      else busy.delete(file.channelId);
      inFlight.delete(file.id);
      if (wasFull && running) wake();
    });
    inFlight.set(file.id, done);
  }

  async function downloadOne(file: ClaimedDownload) {
    try {
      await downloadMedia(download, file.id, { isLast: file.attempts > retryDelays.length });
    } catch (err) {
      if (!(err instanceof RetryableMediaError))
        deps.log.error({ err, mediaId: file.id }, 'media download failed');
      const delay = retryDelays[Math.min(file.attempts, retryDelays.length) - 1] ?? 0;
      // Should this fail too, the claim times out and the file is taken again.
      await postponeMediaDownload(deps.db, file.id, delay).catch((e) =>
        deps.log.error({ err: e, mediaId: file.id }, 'scheduling a media download retry failed'),
      );
    }
  }

  async function waitForDownloads() {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(inFlight.values()),
      new Promise((resolve) => {
        timer = setTimeout(resolve, opts.stopTimeoutMs ?? 10_000);
      }),
    ]);
    clearTimeout(timer);
    await releaseMediaDownloads(deps.db, [...inFlight.keys()]).catch((err) =>
      deps.log.error({ err }, 'releasing unfinished media downloads failed'),
    );
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** New files are stored (or may be): look now. */
    wake,
    /** Stops claiming, waits a bounded time for downloads under way, gives back the rest. */
    async stop() {
      running = false;
      interrupt?.();
      await loop;
      await waitForDownloads();
    },
  };
}

export type MediaDownloadWorker = ReturnType<typeof createMediaDownloadWorker>;

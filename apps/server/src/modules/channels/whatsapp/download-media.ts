import { createHash } from 'node:crypto';
import {
  CloudApiClient,
  CloudApiError,
  CloudApiNetworkError,
  type DownloadedMedia,
  type MediaInfo,
  MediaTooLargeError,
} from '@charla/cloud-api';
import type { Database } from '../../../platform/db/database';
import { isStorageFull, type MediaStorage } from '../../../platform/storage/media-storage';
import {
  findMediaToDownload,
  type InboxChange,
  type MediaToDownload,
  markMediaFailed,
  markMediaReady,
} from '../../inbox';
import type { ChannelRecord } from '../channel-directory';
import { describeCloudApiError } from './cloud-api-errors';
import { graphTransport } from './graph-transport';

/** WhatsApp's own ceiling for what a customer can send (documents, §3.4). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/** The two Cloud API calls a download needs; CloudApiClient has them. */
export interface MediaSource {
  getMedia(mediaId: string): Promise<MediaInfo>;
  downloadMedia(url: string, opts: { maxBytes: number }): Promise<DownloadedMedia>;
}

export interface DownloadMediaDeps {
  db: Pick<Database, 'query'>;
  storage: MediaStorage;
  channelById(id: string): Promise<ChannelRecord | undefined>;
  mediaSourceFor(channel: ChannelRecord): MediaSource;
  notify(changes: InboxChange[]): Promise<void>;
}

/** Production's MediaSource: the channel's own Graph base URL, version and token. */
export const cloudApiMediaSource = (channel: ChannelRecord): MediaSource =>
  new CloudApiClient({
    transport: graphTransport,
    baseUrl: channel.graphBaseUrl,
    version: channel.graphVersion,
    accessToken: channel.accessToken,
    timeoutMs: 120_000,
  });

/** Worth another attempt later; anything else fails the file for good. */
export class RetryableMediaError extends Error {
  override readonly name = 'RetryableMediaError';
}

/**
 * Fetches one customer file from WhatsApp and stores it. Idempotent: a file that is not
 * pending is left alone. A failure that waiting can fix (network, rate limit, outage, a
 * transfer that came out corrupted) throws for the worker to retry; on the last attempt, and
 * for everything else, the file is marked failed with a reason an agent understands.
 */
export async function downloadMedia(
  deps: DownloadMediaDeps,
  mediaId: string,
  attempt: { isLast: boolean } = { isLast: true },
): Promise<void> {
  const media = await findMediaToDownload(deps.db, mediaId);
  if (media?.state !== 'pending') return;
  try {
    await fetchAndStore(deps, media);
  } catch (err) {
    const { reason, retryable } = describeFailure(err);
    if (retryable && !attempt.isLast) throw new RetryableMediaError(reason, { cause: err });
    await deps.notify(await markMediaFailed(deps.db, media, reason));
  }
}

async function fetchAndStore(deps: DownloadMediaDeps, media: MediaToDownload): Promise<void> {
  if (!media.externalId) throw new PermanentMediaError('WhatsApp gave no id for this file.');
  const channel = await deps.channelById(media.channelId);
  if (!channel || channel.workspaceId !== media.workspaceId) {
    throw new PermanentMediaError('The WhatsApp number that received this file was removed.');
  }
  const source = deps.mediaSourceFor(channel);
  const info = await source.getMedia(media.externalId);
  if (info.file_size > MAX_MEDIA_BYTES) throw new MediaTooLargeError(MAX_MEDIA_BYTES, info.file_size);
  const { bytes } = await source.downloadMedia(info.url, { maxBytes: MAX_MEDIA_BYTES });
  const expected = media.sha256 ?? info.sha256;
  if (expected && !matchesSha256(bytes, expected)) {
    throw new RetryableMediaError(
      'The file WhatsApp sent did not match its checksum, so Charla did not keep it.',
    );
  }
  const storageKey = `${media.workspaceId}/${media.id}`;
  await deps.storage.put(storageKey, bytes);
  const changes = await markMediaReady(deps.db, media, {
    storageKey,
    size: bytes.byteLength,
    mimeType: media.mimeType || info.mime_type,
    // Without any checksum the file is kept unchecked, and the thread says so (Media.unchecked).
    sha256: expected || null,
  });
  if (changes.length === 0) {
    // Its contact was erased while the file downloaded: nothing of it may stay behind.
    const [row] = await deps.db.query('SELECT 1 FROM media WHERE id = $1', [media.id]);
    if (!row) await deps.storage.delete(storageKey);
  }
  await deps.notify(changes);
}

class PermanentMediaError extends Error {
  override readonly name = 'PermanentMediaError';
}

/** Meta gives base64 of the SHA-256 digest; hex is accepted too, as some BSPs relay it so. */
export function matchesSha256(bytes: Uint8Array, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const given = expected.trim();
  return given === digest.toString('base64') || given.toLowerCase() === digest.toString('hex');
}

function describeFailure(err: unknown): { reason: string; retryable: boolean } {
  if (err instanceof RetryableMediaError) return { reason: err.message, retryable: true };
  if (isStorageFull(err)) {
    return {
      reason:
        "The server's disk was full, so Charla could not store this file. Free some space on the server.",
      retryable: true,
    };
  }
  if (err instanceof PermanentMediaError) return { reason: err.message, retryable: false };
  if (err instanceof MediaTooLargeError) {
    return {
      reason: 'The file is larger than 100 MB, more than WhatsApp lets a business receive.',
      retryable: false,
    };
  }
  if (err instanceof CloudApiNetworkError) {
    return { reason: `Could not reach WhatsApp to download this file (${err.message}).`, retryable: true };
  }
  if (err instanceof CloudApiError) {
    // An expired download URL (404) is fixed by asking for a fresh one: the next attempt does.
    if (err.httpStatus === 404 && err.code === 0) {
      return { reason: 'WhatsApp no longer has this file (files expire after 7 days).', retryable: true };
    }
    const described = describeCloudApiError(err.code, err.httpStatus);
    return {
      reason: `Could not download this file from WhatsApp: ${described.reason}`,
      retryable: described.retryable,
    };
  }
  return {
    reason: `Could not store this file (${err instanceof Error ? err.message : String(err)}).`,
    retryable: true,
  };
}

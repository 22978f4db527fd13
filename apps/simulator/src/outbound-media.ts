import { baseMimeType, checkMedia, isAnimatedWebp, MEDIA_LIMITS, type WebhookError } from '@charla/cloud-api';
import { ERROR_HREF, type GraphApiError, graphErrors } from './graph-error';
import type { MediaStore, StoredMedia } from './media-store';
import type { MediaReference } from './outbound-validation';

/** Uploaded media ids live 30 days (§3.1). */
export const UPLOADED_MEDIA_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const LINK_FETCH_TIMEOUT_MS = 5_000;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function mediaUploadError(details: string): WebhookError {
  return {
    code: 131053,
    title: 'Media upload error',
    message: 'Media upload error',
    error_data: { details },
    href: ERROR_HREF,
  };
}

type Context = { store: MediaStore; phoneNumberId: string; nowMs: number };

/** A media `id` must be one this number uploaded (or received) and not expired: else a sync 131009. */
export function checkMediaIds(refs: MediaReference[], context: Context): GraphApiError | null {
  for (const ref of refs) {
    if (ref.id === undefined) continue;
    const media = context.store.get(ref.id);
    const isOwn = media !== null && media.phoneNumberId === context.phoneNumberId;
    if (!isOwn || context.nowMs - media.createdAt > UPLOADED_MEDIA_TTL_MS) {
      return graphErrors.invalidValue(
        `Param ${ref.path}['id'] is not a valid media id: no media ${ref.id} belongs to this phone number (unknown, deleted or expired).`,
      );
    }
  }
  return null;
}

/**
 * What happens after the 200 (§8.13): a file of the wrong type or size for its kind fails with
 * 131053; a `link` is fetched only from this machine (the simulator never reaches the internet),
 * stored like an upload, and checked the same way. Resolves to the error, or to the media to show.
 */
export async function resolveMediaAsync(
  refs: MediaReference[],
  context: Context,
): Promise<{ error: WebhookError } | { media: StoredMedia | null }> {
  let shown: StoredMedia | null = null;
  for (const ref of refs) {
    const fetched = ref.id !== undefined ? context.store.get(ref.id) : await fetchLink(ref, context);
    if (fetched === null) continue;
    if ('error' in fetched) return fetched;
    const problem = describeProblem(ref, fetched);
    if (problem) return { error: mediaUploadError(problem) };
    shown ??= fetched;
  }
  return { media: shown };
}

function describeProblem(ref: MediaReference, media: StoredMedia): string | null {
  const animated = ref.kind === 'sticker' ? isAnimatedWebp(media.bytes) : undefined;
  const problem = checkMedia(
    ref.kind,
    media.mimeType,
    media.size,
    animated === undefined ? {} : { animated },
  );
  if (problem) return `${ref.path}: ${problem}`;
  if (ref.voice && baseMimeType(media.mimeType) !== 'audio/ogg') {
    return `${ref.path}: a voice note must be audio/ogg with the OPUS codec, not ${media.mimeType}`;
  }
  return null;
}

async function fetchLink(
  ref: MediaReference,
  context: Context,
): Promise<StoredMedia | { error: WebhookError } | null> {
  if (ref.link === undefined) return null;
  const url = new URL(ref.link);
  const fail = (why: string) => ({
    error: mediaUploadError(`Could not download media from ${ref.link}: ${why}`),
  });
  if (!LOCAL_HOSTS.has(url.hostname)) {
    return fail(`the simulator only fetches links on 127.0.0.1 or localhost, never ${url.hostname}`);
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(LINK_FETCH_TIMEOUT_MS) });
    if (!response.ok) return fail(`HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.byteLength > MEDIA_LIMITS[ref.kind].maxBytes) {
      return {
        error: mediaUploadError(
          `${ref.path}: ${checkMedia(ref.kind, MEDIA_LIMITS[ref.kind].mimeTypes[0] ?? '', bytes.byteLength)}`,
        ),
      };
    }
    const mimeType = response.headers.get('content-type') ?? 'application/octet-stream';
    const filename = decodeURIComponent(url.pathname.split('/').pop() ?? '') || null;
    return context.store.put({ phoneNumberId: context.phoneNumberId, bytes, mimeType, filename });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

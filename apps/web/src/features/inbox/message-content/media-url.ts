import type { Media } from '@charla/contracts';
import { sameOriginUrl } from './safe-url';

/** Where to load a stored file from, or null while it downloads, after it failed, or if off-site. */
export function readyMediaUrl(media: Media): string | null {
  return media.state === 'ready' ? sameOriginUrl(media.url, window.location.origin) : null;
}

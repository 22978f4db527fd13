/**
 * Media is only ever loaded from Charla's own authorised route (`/api/media/:id`): any other
 * origin, or a scheme like `javascript:` or `data:`, gives null and nothing is embedded.
 */
export function sameOriginUrl(url: string | null, origin: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) return null;
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

/** Links a person may open in a new tab (an ad, a shared place): http(s) only. */
export function externalUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

import { API_RESOURCES, type ApiKey, type ApiResource, type ApiScope, scopeAllows } from '@charla/contracts';

/** What a key may do with one resource: nothing, read, or read and write (write implies read). */
export type Access = 'none' | 'read' | 'write';
export type AccessByResource = Record<ApiResource, Access>;

export type KeyStatus = 'active' | 'revoked' | 'expired';

export function keyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const NO_ACCESS = Object.fromEntries(API_RESOURCES.map((r) => [r, 'none'])) as AccessByResource;

/** A key's scopes per resource: `x:write` reads as write whether or not `x:read` is there too. */
export function accessOf(scopes: readonly string[]): AccessByResource {
  const access = { ...NO_ACCESS };
  for (const resource of API_RESOURCES) {
    if (scopes.includes(`${resource}:write`)) access[resource] = 'write';
    else if (scopes.includes(`${resource}:read`)) access[resource] = 'read';
  }
  return access;
}

/** The scopes to ask for: one per resource with access (write already implies read). */
export function scopesOf(access: AccessByResource): ApiScope[] {
  return API_RESOURCES.flatMap((r) => (access[r] === 'none' ? [] : [`${r}:${access[r]}` as ApiScope]));
}

/** Ready-made choices in the new-key form; each one is a set of access per resource. */
export const PRESETS = {
  sendMessages: { ...NO_ACCESS, messages: 'write', channels: 'read', templates: 'read' },
  readOnly: Object.fromEntries(API_RESOURCES.map((r) => [r, 'read'])) as AccessByResource,
  fullAccess: Object.fromEntries(API_RESOURCES.map((r) => [r, 'write'])) as AccessByResource,
} satisfies Record<string, AccessByResource>;
export type PresetName = keyof typeof PRESETS;

export function presetOf(access: AccessByResource): PresetName | null {
  const same = (a: AccessByResource, b: AccessByResource) => API_RESOURCES.every((r) => a[r] === b[r]);
  return (Object.keys(PRESETS) as PresetName[]).find((name) => same(PRESETS[name], access)) ?? null;
}

/**
 * "5 minutes ago", "in 3 days": the largest unit that fits, in the reader's language; under a
 * minute, `justNow` (else Intl's "now").
 */
export function formatRelative(iso: string, now: Date, language: string, justNow?: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return justNow ?? format.format(0, 'second');
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['minute', 60],
    ['hour', 3_600],
    ['day', 86_400],
    ['month', 30 * 86_400],
    ['year', 365 * 86_400],
  ];
  const limits = [45 * 60, 22 * 3_600, 26 * 86_400, 320 * 86_400, Number.POSITIVE_INFINITY];
  const index = limits.findIndex((limit) => abs < limit);
  const [unit, size] = units[index]!;
  return format.format(Math.round(seconds / size), unit);
}

/**
 * A request to try a new key with: a text message if it may send, else the list of numbers if it
 * may read them, else none (the docs show the rest).
 */
export function curlExample(
  origin: string,
  key: string,
  scopes: readonly string[],
  body: string,
): string | null {
  if (!scopeAllows(scopes, 'messages:write')) {
    if (!scopeAllows(scopes, 'channels:read')) return null;
    return [`curl ${origin}/api/v1/channels \\`, `  -H "Authorization: Bearer ${key}"`].join('\n');
  }
  const message = JSON.stringify({ to: '+5215512345678', type: 'text', text: { body } });
  return [
    `curl -X POST ${origin}/api/v1/messages \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    '  -H "Content-Type: application/json" \\',
    `  -d '${message.replaceAll("'", "'\\''")}'`,
  ].join('\n');
}

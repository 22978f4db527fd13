import { z } from 'zod';

/**
 * What a key may do, per resource: `read` lists and gets, `write` creates, changes and sends (and
 * implies `read` of the same resource).
 */
export const API_RESOURCES = [
  'messages',
  'contacts',
  'conversations',
  'media',
  'templates',
  'broadcasts',
  'automation',
  'channels',
  'webhooks',
] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

export const API_SCOPES = API_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as const);
export const ApiScopeSchema = z.enum(
  API_SCOPES as [`${ApiResource}:read`, ...`${ApiResource}:${'read' | 'write'}`[]],
);
export type ApiScope = `${ApiResource}:${'read' | 'write'}`;

/** Whether `granted` lets a key do `needed` (`x:write` implies `x:read`). */
export function scopeAllows(granted: readonly string[], needed: ApiScope): boolean {
  if (granted.includes(needed)) return true;
  const [resource, access] = needed.split(':');
  return access === 'read' && granted.includes(`${resource}:write`);
}

/** POST /api/api-keys (owners and admins, signed in). */
export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name, e.g. the shop or tool that uses it').max(80),
  scopes: z.array(ApiScopeSchema).min(1, 'Choose at least one scope').max(API_SCOPES.length),
  /** ISO 8601; absent or null: the key does not expire. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type CreateApiKeyRequest = z.input<typeof CreateApiKeyRequestSchema>;

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's first characters, to recognise it (the rest is never shown again). */
  prefix: z.string(),
  scopes: z.array(ApiScopeSchema),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** The answer to creating a key: the only time `key` is shown. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

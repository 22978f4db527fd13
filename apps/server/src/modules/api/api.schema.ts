import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { users, workspaceIdColumn } from '../auth/auth.schema';

/**
 * Keys for the public API (`Authorization: Bearer chk_…`). Only the key's SHA-256 is kept (keys
 * are 32 random bytes, so a fast hash is as safe as a slow one and costs nothing per request);
 * `prefix` lets people recognise a key in the list.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
    /** Written at most once a minute per key (api-key-auth.ts), with the address it came from. */
    lastUsedAt: ts('last_used_at'),
    lastUsedIp: text('last_used_ip'),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * One row per `Idempotency-Key` a key sent: the request's fingerprint, the id chosen for what it
 * creates (so a retry after a crash finds it), and the answer once there is one. Kept 24 hours.
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    workspaceId: workspaceIdColumn(),
    /** Method, route and SHA-256 of the body: the same key with another request is a 409. */
    fingerprint: text('fingerprint').notNull(),
    resourceId: uuid('resource_id').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index('api_idempotency_created_idx').on(t.createdAt)],
);

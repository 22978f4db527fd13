import { timestamp } from 'drizzle-orm/pg-core';

/** A point in time: every time column is `timestamptz`. */
export const ts = (name: string) => timestamp(name, { withTimezone: true });

/** When the row was written: `created_at timestamptz NOT NULL DEFAULT now()`. */
export const createdAt = () => ts('created_at').notNull().defaultNow();

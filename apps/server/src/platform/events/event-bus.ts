import type { Database } from '../db/database';

const CHANNEL = 'charla_events';
/** NOTIFY payloads must stay under 8,000 bytes; events are packed into JSON arrays up to this. */
const MAX_PAYLOAD_BYTES = 7_000;

export interface BusEvent {
  workspaceId: string;
  [key: string]: unknown;
}

/**
 * Fans an event out to every Charla process through PostgreSQL NOTIFY (PGlite too), so a
 * browser connected to any process hears it. Every process receives every event: use it for
 * realtime pushes, never for work that must happen exactly once (that is a job).
 */
export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  /** Many events in one round trip (an ingest batch touches many conversations). */
  publishMany(events: BusEvent[]): Promise<void>;
  subscribe(handler: (event: BusEvent) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createEventBus(db: Database, log: (err: unknown) => void = () => {}): EventBus {
  const handlers = new Set<(event: BusEvent) => void>();
  let pending: BusEvent[] = [];
  let flushing: Promise<void> | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async publish(event) {
      // NOTIFY payloads are capped near 8 kB; events carry ids, not content.
      await db.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    publishMany(events) {
      if (events.length === 0) return Promise.resolve();
      // Everything published in the same turn of the event loop goes in one statement (a burst of
      // agent replies announces one message each: one round trip for all of them).
      pending.push(...events);
      flushing ??= new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          const batch = pending;
          pending = [];
          flushing = null;
          // Packed: one notification per ~50 events instead of one each (a broadcast batch or an
          // ingest batch announces hundreds; each notification is queued, delivered and parsed).
          db.query('SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e', [CHANNEL, pack(batch)]).then(
            () => resolve(),
            reject,
          );
        }),
      );
      return flushing;
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async start() {
      unlisten = await db.listen(CHANNEL, (payload) => {
        let parsed: BusEvent | BusEvent[];
        try {
          parsed = JSON.parse(payload) as BusEvent | BusEvent[];
        } catch (err) {
          return log(err);
        }
        for (const event of Array.isArray(parsed) ? parsed : [parsed]) {
          for (const h of handlers) {
            try {
              h(event);
            } catch (err) {
              log(err);
            }
          }
        }
      });
    },
    async stop() {
      await unlisten?.();
      unlisten = null;
    },
  };
}

/** JSON arrays of events, each under the NOTIFY payload limit (in bytes). */
function pack(events: BusEvent[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const e of events) {
    const json = JSON.stringify(e);
    const bytes = Buffer.byteLength(json);
    if (current.length > 0 && size + bytes + 1 > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes + 1;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

import type { Database } from '../db/database';

const CHANNEL = 'charla_events';

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
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async publish(event) {
      // NOTIFY payloads are capped near 8 kB; events carry ids, not content.
      await db.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    async publishMany(events) {
      if (events.length === 0) return;
      await db.query('SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e', [
        CHANNEL,
        events.map((e) => JSON.stringify(e)),
      ]);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async start() {
      unlisten = await db.listen(CHANNEL, (payload) => {
        let event: BusEvent;
        try {
          event = JSON.parse(payload) as BusEvent;
        } catch (err) {
          return log(err);
        }
        for (const h of handlers) {
          try {
            h(event);
          } catch (err) {
            log(err);
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

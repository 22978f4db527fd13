import type { Query } from '../db/database';

type Listener<E> = (query: Query, events: E[]) => Promise<unknown>;

/**
 * Facts a module announces inside the transaction that makes them true, for other modules to act
 * on in that same transaction (webhooks out queue their deliveries there, so a change is kept if
 * and only if its deliveries are). The module that owns the fact exports the topic; the listener
 * is registered once per process (container.ts); registering the same function again changes
 * nothing.
 */
export function createTxTopic<E>() {
  const listeners = new Set<Listener<E>>();
  return {
    on(listener: Listener<E>): void {
      listeners.add(listener);
    },
    async emit(query: Query, events: E[]): Promise<void> {
      if (events.length === 0) return;
      for (const listener of listeners) await listener(query, events);
    },
  };
}

export type TxTopic<E> = ReturnType<typeof createTxTopic<E>>;

import type { Conversation } from '@charla/contracts';

type Item = Pick<Conversation, 'id' | 'lastMessage'>;

/** Time of the latest message seen per conversation. */
export type SeenMap = Map<string, string>;

/**
 * Conversations whose latest message is a customer (inbound) message newer than what was seen
 * before. Conversations first seen now count only if their message is newer than `since`
 * (so the first load never notifies). Updates `seen` in place.
 */
export function takeNewInbound<T extends Item>(seen: SeenMap, items: readonly T[], since: string): T[] {
  const fresh: T[] = [];
  for (const item of items) {
    const last = item.lastMessage;
    if (!last) continue;
    const previous = seen.get(item.id);
    const at = Date.parse(last.at);
    if (previous !== undefined && at <= Date.parse(previous)) continue;
    seen.set(item.id, last.at);
    if (last.direction !== 'inbound') continue;
    if (previous === undefined && at <= Date.parse(since)) continue;
    fresh.push(item);
  }
  return fresh;
}

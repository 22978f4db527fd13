import type { Conversation } from '@charla/contracts';

export const baseTitle = 'Charla';

/** "(3) Charla" while there are unread messages, "Charla" otherwise; large counts are capped. */
export function formatTitle(unread: number, base: string = baseTitle): string {
  if (!Number.isFinite(unread) || unread <= 0) return base;
  const shown = unread > 99 ? '99+' : String(Math.floor(unread));
  return `(${shown}) ${base}`;
}

/** Sum of `unreadCount` over the loaded pages of the conversation list. */
export function sumUnread(pages: readonly { items: readonly Pick<Conversation, 'unreadCount'>[] }[]): number {
  let total = 0;
  for (const page of pages) for (const item of page.items) total += Math.max(0, item.unreadCount);
  return total;
}

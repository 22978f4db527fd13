/** Closer than this to the bottom counts as "at the newest message". */
export const nearBottomPx = 120;

export type ScrollBox = { scrollTop: number; scrollHeight: number; clientHeight: number };

export const isNearBottom = (box: ScrollBox) =>
  box.scrollHeight - box.scrollTop - box.clientHeight < nearBottomPx;

/**
 * Whether the thread stays pinned to the newest message after a scroll event. Only the agent
 * moving up lets go: an image or map growing below pushes the bottom away without moving
 * `scrollTop`, and must not count as "the agent scrolled up".
 */
export function nextPinned(wasPinned: boolean, box: ScrollBox, previousTop: number): boolean {
  if (isNearBottom(box)) return true;
  if (box.scrollTop < previousTop - 1) return false;
  return wasPinned;
}

/** How many messages came after `seenId` (the newest one the agent had in view); 0 if unknown. */
export function countNewSince(ids: string[], seenId: string | null): number {
  if (seenId === null) return 0;
  const index = ids.lastIndexOf(seenId);
  return index === -1 ? 0 : ids.length - 1 - index;
}

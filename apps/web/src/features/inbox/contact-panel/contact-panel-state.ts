import { useSyncExternalStore } from 'react';

/**
 * Whether the contact panel is open. On wide screens it sits beside the thread and the choice
 * is kept in this browser; on phones it is a sheet over the thread, opened on demand and never
 * reopened by itself (a chat should open on its messages).
 */
export const contactPanelKey = 'charla.inbox.contactPanel';
const wideQuery = '(min-width: 1024px)';

const listeners = new Set<() => void>();
let storedOpen: boolean | null = null;
let isSheetOpen = false;
/** Opened by the member just now (not restored on load): focus moves into the panel. */
let wasJustOpened = false;

const isWide = () => window.matchMedia(wideQuery).matches;

function readStoredOpen(): boolean {
  if (storedOpen === null) {
    try {
      storedOpen = localStorage.getItem(contactPanelKey) === 'open';
    } catch {
      storedOpen = false;
    }
  }
  return storedOpen;
}

function notify() {
  for (const listener of listeners) listener();
}

export function setContactPanelOpen(open: boolean): void {
  wasJustOpened = open;
  if (isWide()) {
    storedOpen = open;
    try {
      localStorage.setItem(contactPanelKey, open ? 'open' : 'closed');
    } catch {
      // Storage disabled: the choice lasts for this page only.
    }
  } else {
    isSheetOpen = open;
  }
  notify();
}

export const toggleContactPanel = () => setContactPanelOpen(!isContactPanelOpen());

/** True once after the member opened the panel, so a panel restored on load leaves focus alone. */
export function takeJustOpened(): boolean {
  const was = wasJustOpened;
  wasJustOpened = false;
  return was;
}

/** Another conversation opened: a phone shows its messages, not the previous customer's sheet. */
export function closeContactSheet(): void {
  if (!isSheetOpen) return;
  isSheetOpen = false;
  notify();
}

function isContactPanelOpen(): boolean {
  return isWide() ? readStoredOpen() : isSheetOpen;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(wideQuery);
  media.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', listener);
  };
}

export function useIsContactPanelOpen(): boolean {
  return useSyncExternalStore(subscribe, isContactPanelOpen, () => false);
}

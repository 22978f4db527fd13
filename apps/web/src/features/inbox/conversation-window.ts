import type { Conversation } from '@charla/contracts';

export type WindowState = {
  isOpen: boolean;
  /** Whole minutes until free-form messages stop being allowed; null when unknown or closed. */
  minutesLeft: number | null;
};

/**
 * The 24-hour customer service window as the browser sees it: the server's answer, closed early
 * if the browser clock has already passed `expiresAt` (the server re-checks on send anyway).
 */
export function windowState(window: Conversation['window'], now: Date): WindowState {
  if (!window.isOpen) return { isOpen: false, minutesLeft: null };
  if (window.expiresAt === null) return { isOpen: true, minutesLeft: null };
  const msLeft = Date.parse(window.expiresAt) - now.getTime();
  if (Number.isNaN(msLeft)) return { isOpen: true, minutesLeft: null };
  if (msLeft <= 0) return { isOpen: false, minutesLeft: null };
  return { isOpen: true, minutesLeft: Math.floor(msLeft / 60_000) };
}

export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

import { useSyncExternalStore } from 'react';

/** Per-user comfort settings, kept in this browser only. */
export type ComfortSettings = {
  notifications: boolean;
  sound: boolean;
  /** Tell me when someone @mentions me in a note (a notification if allowed, the sound, a toast). */
  mentions: boolean;
};

export const defaultSettings: ComfortSettings = { notifications: false, sound: true, mentions: true };

export const settingsKey = (userId: string) => `charla.comfort.${userId}`;

/** Reads stored JSON defensively: anything unexpected falls back to the defaults. */
export function parseSettings(raw: string | null): ComfortSettings {
  if (!raw) return defaultSettings;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return defaultSettings;
    const record = value as Record<string, unknown>;
    return {
      notifications:
        typeof record.notifications === 'boolean' ? record.notifications : defaultSettings.notifications,
      sound: typeof record.sound === 'boolean' ? record.sound : defaultSettings.sound,
      mentions: typeof record.mentions === 'boolean' ? record.mentions : defaultSettings.mentions,
    };
  } catch {
    return defaultSettings;
  }
}

const listeners = new Set<() => void>();
const cache = new Map<string, ComfortSettings>();

export function readSettings(userId: string): ComfortSettings {
  const cached = cache.get(userId);
  if (cached) return cached;
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(settingsKey(userId));
  } catch {
    raw = null;
  }
  const settings = parseSettings(raw);
  cache.set(userId, settings);
  return settings;
}

export function writeSettings(userId: string, patch: Partial<ComfortSettings>): void {
  const next = { ...readSettings(userId), ...patch };
  cache.set(userId, next);
  try {
    localStorage.setItem(settingsKey(userId), JSON.stringify(next));
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useComfortSettings(userId: string): ComfortSettings {
  return useSyncExternalStore(
    subscribe,
    () => readSettings(userId),
    () => defaultSettings,
  );
}

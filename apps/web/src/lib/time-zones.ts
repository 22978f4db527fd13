/** IANA time zones for pickers, with their offset now; pure Intl, no data files. */

/** The browser's zone (`Europe/Madrid`), UTC when it says none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, UTC first (it is not in Intl's list). */
export function allTimeZones(): string[] {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...listed.filter((zone) => zone !== 'UTC')];
}

/** Minutes `timeZone` is ahead of UTC at `at` (Madrid in winter: 60). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `UTC+1`, `UTC-6`, `UTC+5:30`, `UTC`. */
export function offsetLabel(timeZone: string, at: Date): string {
  const total = offsetMinutes(timeZone, at);
  if (total === 0) return 'UTC';
  const abs = Math.abs(total);
  const minutes = abs % 60;
  return `UTC${total < 0 ? '-' : '+'}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** The place a zone is named after, as people write it: `America/Mexico_City` -> `Mexico City`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
}

/** Options for a zone picker, sorted by offset then name: "(UTC+1) Europe/Madrid". */
export function timeZoneOptions(at: Date, zones = allTimeZones()): { value: string; label: string }[] {
  return zones
    .map((zone) => ({ zone, offset: offsetMinutes(zone, at) }))
    .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone))
    .map(({ zone }) => ({ value: zone, label: `(${offsetLabel(zone, at)}) ${zone.replaceAll('_', ' ')}` }));
}

import { AppError } from '../../platform/errors';

let known: Map<string, string> | null = null;

/**
 * The IANA zone `name` stands for, spelled as the runtime lists it (`europe/madrid` ->
 * `Europe/Madrid`), or null when it is none. Abbreviations (`CET`, `EST`) are refused: they are
 * not places and hide daylight-saving rules.
 */
export function normaliseTimeZone(name: string): string | null {
  known ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));
  const listed = known.get(name.toLowerCase());
  if (listed) return listed;
  // Aliases the runtime accepts but does not list (Asia/Calcutta, Etc/GMT+1).
  if (!name.includes('/')) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

/** The zone's canonical spelling, or a 422 naming the field when `name` is no IANA zone. */
export function checkTimeZone(name: string, path: string): string {
  const zone = normaliseTimeZone(name);
  if (zone) return zone;
  throw new AppError(
    'unprocessable',
    'invalid_time_zone',
    `"${name}" is not a time zone: use an IANA name such as Europe/Madrid, America/Mexico_City or UTC.`,
    [{ path, message: 'not an IANA time zone' }],
  );
}

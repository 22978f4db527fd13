/**
 * WhatsApp's refusals that every other recipient of the broadcast would get too: the number's
 * token or permissions, the account (locked, unpaid, restricted, not registered) or the template
 * (paused for low quality, disabled, deleted). Sending on would fail the whole audience one by
 * one; the sender pauses the broadcast instead, so it can be resumed once the cause is fixed.
 * Reference §6.2.
 */
const HALTING_CODES = new Set([
  // The access token and its permissions.
  3, 10, 190, 200, 131005,
  // The account or the number.
  368, 131031, 131037, 131042, 131045, 131048, 131063, 131064, 133010,
  // The template.
  132001, 132015, 132016,
]);

export function haltsBroadcast(code: number | null): boolean {
  return code !== null && HALTING_CODES.has(code);
}

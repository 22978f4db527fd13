/** A typed latitude or longitude ("19.43", "-99,13" with a decimal comma), or null when not a valid one. */
export function parseCoordinate(value: string, limit: 90 | 180): number | null {
  const text = value.trim().replace(',', '.');
  if (!/^[-+]?\d{1,3}(\.\d+)?$/.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : null;
}

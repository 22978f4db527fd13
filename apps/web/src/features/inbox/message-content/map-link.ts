const isCoordinate = (value: number, limit: number) => Number.isFinite(value) && Math.abs(value) <= limit;

/** OpenStreetMap centred on the point with a marker; a plain link, no tiles loaded in Charla. */
export function mapLink(latitude: number, longitude: number): string | null {
  if (!isCoordinate(latitude, 90) || !isCoordinate(longitude, 180)) return null;
  const lat = roundCoordinate(latitude);
  const lon = roundCoordinate(longitude);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

/** "19.43261, -99.13321": five decimals are about a metre. */
export function formatCoordinates(latitude: number, longitude: number): string {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

function roundCoordinate(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

import { describe, expect, it } from 'vitest';
import { formatCoordinates, mapLink } from './map-link';

describe('mapLink', () => {
  it('points OpenStreetMap at the place with a marker', () => {
    expect(mapLink(19.4326077, -99.133208)).toBe(
      'https://www.openstreetmap.org/?mlat=19.432608&mlon=-99.133208#map=16/19.432608/-99.133208',
    );
  });

  it('refuses coordinates that are not on Earth', () => {
    expect(mapLink(91, 0)).toBeNull();
    expect(mapLink(0, -180.5)).toBeNull();
    expect(mapLink(Number.NaN, 0)).toBeNull();
  });

  it('formats coordinates to about a metre', () => {
    expect(formatCoordinates(19.4326077, -99.133208)).toBe('19.43261, -99.13321');
  });
});

import { describe, expect, it } from 'vitest';
import { countryOfTimeZone } from './country-of-time-zone';

describe('countryOfTimeZone', () => {
  it.each([
    ['America/Mexico_City', 'MX'],
    ['America/Tijuana', 'MX'],
    ['America/Argentina/Buenos_Aires', 'AR'],
    ['America/Argentina/Cordoba', 'AR'],
    ['America/Sao_Paulo', 'BR'],
    ['Europe/Madrid', 'ES'],
    ['Atlantic/Canary', 'ES'],
    ['America/Bogota', 'CO'],
    ['America/Lima', 'PE'],
    ['America/Santiago', 'CL'],
  ])('proposes the country of %s', (zone, country) => {
    expect(countryOfTimeZone(zone)).toBe(country);
  });

  it.each(['UTC', 'Etc/GMT+5', 'America/Panama', 'Antarctica/Troll', ''])('proposes none for %s', (zone) => {
    expect(countryOfTimeZone(zone)).toBeNull();
  });
});

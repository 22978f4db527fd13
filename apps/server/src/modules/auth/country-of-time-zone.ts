import { isSupportedCountry } from 'libphonenumber-js';
import { AppError } from '../../platform/errors';

/**
 * The country a time zone most likely means, to propose the workspace's default country for
 * phone numbers at setup (the owner's browser sends its zone). Zones shared by several countries
 * (UTC, Etc/*, America/Panama...) or not listed here propose none: the owner picks one in settings.
 */
const ZONES: Record<string, string> = {
  // Mexico
  'America/Mexico_City': 'MX',
  'America/Cancun': 'MX',
  'America/Merida': 'MX',
  'America/Monterrey': 'MX',
  'America/Matamoros': 'MX',
  'America/Chihuahua': 'MX',
  'America/Ciudad_Juarez': 'MX',
  'America/Ojinaga': 'MX',
  'America/Mazatlan': 'MX',
  'America/Bahia_Banderas': 'MX',
  'America/Hermosillo': 'MX',
  'America/Tijuana': 'MX',
  // Spain
  'Europe/Madrid': 'ES',
  'Atlantic/Canary': 'ES',
  'Africa/Ceuta': 'ES',
  // Brazil
  'America/Sao_Paulo': 'BR',
  'America/Bahia': 'BR',
  'America/Fortaleza': 'BR',
  'America/Recife': 'BR',
  'America/Belem': 'BR',
  'America/Maceio': 'BR',
  'America/Araguaina': 'BR',
  'America/Manaus': 'BR',
  'America/Cuiaba': 'BR',
  'America/Campo_Grande': 'BR',
  'America/Porto_Velho': 'BR',
  'America/Boa_Vista': 'BR',
  'America/Rio_Branco': 'BR',
  'America/Eirunepe': 'BR',
  'America/Santarem': 'BR',
  'America/Noronha': 'BR',
  // Rest of Latin America
  'America/Bogota': 'CO',
  'America/Lima': 'PE',
  'America/Santiago': 'CL',
  'America/Punta_Arenas': 'CL',
  'Pacific/Easter': 'CL',
  'America/Caracas': 'VE',
  'America/Guayaquil': 'EC',
  'Pacific/Galapagos': 'EC',
  'America/La_Paz': 'BO',
  'America/Asuncion': 'PY',
  'America/Montevideo': 'UY',
  'America/Guatemala': 'GT',
  'America/El_Salvador': 'SV',
  'America/Tegucigalpa': 'HN',
  'America/Managua': 'NI',
  'America/Costa_Rica': 'CR',
  'America/Havana': 'CU',
  'America/Santo_Domingo': 'DO',
  'America/Puerto_Rico': 'PR',
  // Elsewhere, the most common
  'Europe/Lisbon': 'PT',
  'Atlantic/Madeira': 'PT',
  'Atlantic/Azores': 'PT',
  'Europe/London': 'GB',
  'Europe/Paris': 'FR',
  'Europe/Berlin': 'DE',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Zurich': 'CH',
  'Europe/Dublin': 'IE',
  'Asia/Kolkata': 'IN',
  'Asia/Calcutta': 'IN',
  'Asia/Jakarta': 'ID',
  'Africa/Lagos': 'NG',
  'Africa/Johannesburg': 'ZA',
  'Asia/Manila': 'PH',
};

/** Buenos Aires, Cordoba, Mendoza...: every Argentine zone. */
const ARGENTINA = 'America/Argentina/';

export function countryOfTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  if (zone.startsWith(ARGENTINA) || zone === 'America/Buenos_Aires') return 'AR';
  return ZONES[zone] ?? null;
}

/** The country code in capitals, or a 422 naming the field when no phone numbers belong to it. */
export function checkCountry(code: string, path: string): string {
  const country = code.trim().toUpperCase();
  if (isSupportedCountry(country)) return country;
  throw new AppError(
    'unprocessable',
    'invalid_country',
    `"${code}" is not a country: use its two-letter ISO code, such as MX, ES or AR.`,
    [{ path, message: 'not an ISO 3166 country code' }],
  );
}

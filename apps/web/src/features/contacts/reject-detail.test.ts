import { RejectParamsSchema } from '@charla/contracts';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import { rejectDetail } from './reject-detail';

async function translator(lng: 'es' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { es: { translation: es }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('rejectDetail', () => {
  it('explains each refused CSV row in Spanish, with the line, option or country it is about', async () => {
    const t = await translator('es');
    const row = { reason: 'English', value: '12ab' };
    expect(rejectDetail(t, { ...row, code: 'invalid_phone', params: { country: 'MX' } })).toBe(
      '«12ab» no es un número de teléfono válido (país por defecto: MX).',
    );
    expect(rejectDetail(t, { ...row, code: 'duplicate_in_file', params: { firstLine: 3 } })).toBe(
      'El mismo número ya aparece en la línea 3.',
    );
    expect(
      rejectDetail(t, {
        ...row,
        code: 'invalid_value',
        params: { attribute: 'Plan', expected: 'list', options: ['oro', 'plata'] },
      }),
    ).toBe('Plan: «12ab» no es ninguna de estas opciones: oro, plata.');
    expect(rejectDetail(t, { ...row, code: 'missing_phone' })).toBe('La fila no tiene número de teléfono.');
  });

  it('has words for every kind of expected value in both languages', async () => {
    for (const lng of ['es', 'en'] as const) {
      const t = await translator(lng);
      for (const expected of RejectParamsSchema.shape.expected.unwrap().options) {
        const text = rejectDetail(t, {
          reason: 'x',
          value: 'v',
          code: 'invalid_value',
          params: { attribute: 'A', expected },
        });
        expect(text, `${lng} ${expected}`).not.toContain('contacts.import');
      }
    }
  });

  it('falls back to the server’s sentence for rows stored before the details existed', async () => {
    const t = await translator('en');
    expect(rejectDetail(t, { reason: 'Old reason', code: 'duplicate_in_file', value: '1' })).toBe(
      'Old reason',
    );
    expect(rejectDetail(t, { reason: 'Only a reason' })).toBe('Only a reason');
  });
});

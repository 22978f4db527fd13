import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import { describeRejection } from './rejection-reason';

async function translatorFor(lng: 'es' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { es: { translation: es }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return (rejection: { reason: string; detail: string | null }) =>
    describeRejection(rejection, i18n.t.bind(i18n) as never, (key) => i18n.exists(key));
}

const META_TEXT = 'The template contains promotional content. Consider changing the category to MARKETING.';

describe('Meta template rejection reasons in the user language', () => {
  it('explains a known code in Spanish, says what to do, and keeps Meta’s text as the detail', async () => {
    const describeEs = await translatorFor('es');
    const text = describeEs({ reason: 'PROMOTIONAL', detail: META_TEXT });
    expect(text.reason).toBe('Tiene contenido promocional en una plantilla de Utilidad o Autenticación.');
    expect(text.fix).toMatch(/envíala como Marketing/);
    expect(text.metaText).toBe(META_TEXT);
  });

  it('explains the same code in English', async () => {
    const describeEn = await translatorFor('en');
    const text = describeEn({ reason: 'PROMOTIONAL', detail: META_TEXT });
    expect(text.reason).toBe('It has promotional content in a Utility or Authentication template.');
    expect(text.fix).toMatch(/submit it as Marketing/);
    expect(text.metaText).toBe(META_TEXT);
  });

  it.each([
    ['INVALID_FORMAT', /variables/, /variables/],
    ['TAG_CONTENT_MISMATCH', /categoría/, /category/],
    ['ABUSIVE_CONTENT', /políticas/, /policies/],
    ['SCAM', /engañosa/, /deceptive/],
    ['INCORRECT_CATEGORY', /categoría/, /category/],
    ['CATEGORY_NOT_AVAILABLE', /no está disponible/, /not available/],
    ['NONE', /sin indicar el motivo/, /without giving a reason/],
  ])('%s has its own explanation and next step in both languages', async (reason, esWords, enWords) => {
    const [describeEs, describeEn] = [await translatorFor('es'), await translatorFor('en')];
    const inSpanish = describeEs({ reason, detail: null });
    const inEnglish = describeEn({ reason, detail: null });
    expect(inSpanish.reason).toMatch(esWords);
    expect(inEnglish.reason).toMatch(enWords);
    expect(inSpanish.fix).toBeTruthy();
    expect(inEnglish.fix).toBeTruthy();
    expect(inSpanish.fix).not.toBe(inEnglish.fix);
    expect(inSpanish.metaText).toBeNull();
  });

  it('names the variables literally in the invalid-format advice', async () => {
    const text = (await translatorFor('es'))({ reason: 'INVALID_FORMAT', detail: null });
    expect(text.fix).toContain('{{1}}, {{2}}');
  });

  it('falls back to Meta’s text for a code Charla does not know, and to the code without text', async () => {
    for (const lng of ['es', 'en'] as const) {
      const describeIn = await translatorFor(lng);
      expect(describeIn({ reason: 'NEW_META_REASON', detail: 'Meta explains it here.' })).toEqual({
        reason: 'Meta explains it here.',
        fix: null,
        metaText: null,
      });
      expect(describeIn({ reason: 'NEW_META_REASON', detail: null }).reason).toBe('NEW_META_REASON');
    }
  });
});

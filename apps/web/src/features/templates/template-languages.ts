/** The locales businesses use most; Meta accepts more, and any `xx` or `xx_YY` code can be typed. */
export const commonTemplateLanguages = [
  'es',
  'es_MX',
  'es_AR',
  'es_ES',
  'es_CO',
  'es_CL',
  'es_PE',
  'en',
  'en_US',
  'en_GB',
  'pt_BR',
  'pt_PT',
  'fr',
  'de',
  'it',
  'nl',
  'ca',
  'ar',
  'hi',
  'id',
  'tr',
  'ru',
  'zh_CN',
] as const;

/** "es_MX" → "Spanish (Mexico)" in the UI language; the code itself when the browser does not know it. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
    const name = names.of(code.replace('_', '-'));
    return name && name !== code ? capitalize(name) : code;
  } catch {
    return code;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

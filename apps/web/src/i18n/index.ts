import type { Locale } from '@charla/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export const locales: readonly Locale[] = ['es', 'en'];
const browserKey = 'charla.locale';
const userKey = (userId: string) => `charla.locale.${userId}`;

function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** Before login: the last choice in this browser, else the browser's language, else Spanish. */
export function detectBrowserLocale(): Locale {
  const stored = readStorage(browserKey);
  if (isLocale(stored)) return stored;
  for (const language of navigator.languages ?? [navigator.language]) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'es';
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'es';
}

function apply(locale: Locale): void {
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

/**
 * After login the user's locale wins, unless this user picked another language in this browser
 * (the menu also saves the choice on the account with PATCH /api/me).
 */
export function applyUserLocale(user: { id: string; locale: Locale }): void {
  const chosen = readStorage(userKey(user.id));
  apply(isLocale(chosen) ? chosen : user.locale);
}

export function chooseLocale(locale: Locale, userId?: string): void {
  writeStorage(browserKey, locale);
  if (userId) writeStorage(userKey(userId), locale);
  apply(locale);
}

const initial = detectBrowserLocale();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'es',
  supportedLngs: ['es', 'en'],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };

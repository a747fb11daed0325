// i18next bootstrap. French is the default; the chosen language is remembered
// per browser and mirrored on <html lang> so screen readers and spellcheck agree.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './en.json';
import fr from './fr.json';

// Both files must carry the same keys: assigning each to the other's type makes
// tsc fail as soon as one of them is missing a string.
const frMessages: typeof en = fr;
const enMessages: typeof fr = en;

export const LOCALES: readonly Locale[] = ['fr', 'en'];
const STORAGE_KEY = 'rostra.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : 'fr';
  } catch {
    // Storage can be disabled (private mode, strict policies): fall back to French.
    return 'fr';
  }
}

export function getCurrentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

/** Switches the UI language and remembers it for this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the language still changes for this visit.
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: frMessages }, en: { translation: enMessages } },
  lng: readStoredLocale(),
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export { i18n };

// i18next bootstrap. French is the default; the chosen language is remembered
// per browser and mirrored on <html lang> so screen readers and spellcheck agree.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import type EnMessages from './en.json';
import fr from './fr.json';

// Both files must carry the same keys: each type must be assignable to the other, so tsc fails as soon as one of
// them is missing a string.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKeys: SameKeys<typeof fr, typeof EnMessages> = true;
void sameKeys;

// French, the default, is in the first load; English (18 KB gzipped) is fetched when it is first needed.
const loadMessages: Record<Locale, () => Promise<typeof fr>> = {
  fr: () => Promise.resolve(fr),
  en: () => import('./en.json').then((module) => module.default),
};

async function ensureMessages(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  i18n.addResourceBundle(locale, 'translation', await loadMessages[locale]());
}

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
  if (i18n.language !== locale) {
    await ensureMessages(locale);
    await i18n.changeLanguage(locale);
  }
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** Resolves once the remembered language's messages are loaded: the app renders after it, never in the wrong language. */
export const i18nReady: Promise<void> = (async () => {
  const locale = readStoredLocale();
  await i18n.use(initReactI18next).init({
    resources: { fr: { translation: fr } },
    partialBundledLanguages: true,
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: ['fr', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (locale !== 'fr') {
    try {
      await ensureMessages(locale);
      await i18n.changeLanguage(locale);
    } catch {
      // The English file could not be fetched (offline, a deploy replaced it): French rather than no page.
    }
  }
  document.documentElement.lang = i18n.language;
})();

export { i18n };

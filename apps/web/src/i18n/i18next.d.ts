// Typed translation keys: a typo in t('...') becomes a compile error.
import 'i18next';
import type fr from './fr.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

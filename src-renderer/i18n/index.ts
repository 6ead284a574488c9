import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage, type LanguagePreference, type UiLanguage } from '../../src-shared/settings/schema';
import en from '../../src-shared/i18n/locales/en.json';
import pl from '../../src-shared/i18n/locales/pl.json';

export const i18n: I18n = i18next.createInstance();

/** The OS's languages as the browser reports them (Electron passes the OS locale through). */
export function osLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, pl: { translation: pl } },
  lng: resolveLanguage('system', osLanguages()),
  fallbackLng: 'en',
  supportedLngs: ['en', 'pl'],
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
});
applyDocumentLanguage(i18n.language as UiLanguage);

/** Switches the UI to the language a preference resolves to; `<html lang>` and the title follow. */
export async function applyLanguagePreference(pref: LanguagePreference): Promise<UiLanguage> {
  const lang = resolveLanguage(pref, osLanguages());
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
  applyDocumentLanguage(lang);
  return lang;
}

function applyDocumentLanguage(lang: UiLanguage): void {
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
}

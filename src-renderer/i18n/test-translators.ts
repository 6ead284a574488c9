import i18next, { type TFunction } from 'i18next';
import en from '../../src-shared/i18n/locales/en.json';
import pl from '../../src-shared/i18n/locales/pl.json';

/** For unit tests: an English and a Polish `t` over the shipped catalogues, set up as the app sets up its own. */
export async function makeTranslators(): Promise<{ tEn: TFunction; tPl: TFunction }> {
  const make = async (lng: 'en' | 'pl') => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { en: { translation: en }, pl: { translation: pl } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
    return instance.t;
  };
  return { tEn: await make('en'), tPl: await make('pl') };
}

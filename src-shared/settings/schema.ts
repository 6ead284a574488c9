import { z } from 'zod';

export const uiLanguages = ['pl', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** `system` follows the operating system's language; the others pin it. */
export const languagePreferenceSchema = z.enum(['system', ...uiLanguages], { error: 'validation.language' });
export type LanguagePreference = z.infer<typeof languagePreferenceSchema>;

export interface Preferences {
  language: LanguagePreference;
  /** Set by the machine's managed policy (issue 10): shown locked, not changeable here. */
  locked?: boolean;
}

/** The UI language for a preference and the OS's language tags (e.g. navigator.languages). */
export function resolveLanguage(pref: LanguagePreference, osLanguages: readonly string[]): UiLanguage {
  if (pref !== 'system') return pref;
  for (const tag of osLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'pl' || base === 'en') return base;
  }
  return 'en';
}

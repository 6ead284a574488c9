import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLanguage, type LanguagePreference } from '../../../src-shared/settings/schema';
import { osLanguages } from '../../i18n';
import { errorText } from '../../i18n/format-error';
import { LockedNote } from '../../components/LockedNote';
import { useAppStore } from '../../state/app-store';

const choices: readonly LanguagePreference[] = ['system', 'pl', 'en'];

/** System / Polski / English: stored with `settings.setLanguage`, applied at once. Language names are shown in their own language. */
export function LanguageChoice() {
  const { t, i18n } = useTranslation();
  const preference = useAppStore((s) => s.info?.preferences.language ?? 'system');
  // A language the managed policy fixes (issue 10): shown chosen, the others not choosable.
  const locked = useAppStore((s) => s.info?.preferences.locked === true);
  const setLanguagePreference = useAppStore((s) => s.setLanguagePreference);
  const announce = useAppStore((s) => s.announce);
  // The choice shows at once; if storing it fails, it snaps back to the stored preference.
  const [pending, setPending] = useState<LanguagePreference | null>(null);

  const change = async (language: LanguagePreference) => {
    if (locked) return;
    setPending(language);
    try {
      await setLanguagePreference(language);
      // i18n.t, not the render's t: the message must come in the language just chosen.
      announce(i18n.t('settings.languageChanged'));
    } catch (e) {
      announce(errorText(t, e), 'error');
    } finally {
      setPending(null);
    }
  };
  const shown = pending ?? preference;

  return (
    // Locked: read-only, not disabled, so the choices stay in the tab order and are read out with the reason.
    <fieldset className="radio-group" role="radiogroup" aria-busy={pending !== null} aria-readonly={locked || undefined}>
      <legend>{t('settings.language')}</legend>
      {locked ? <LockedNote /> : null}
      {choices.map((c) => (
        <label key={c} className="radio">
          <input type="radio" name="language" value={c} checked={shown === c} onChange={() => void change(c)} />
          <span lang={c === 'system' ? undefined : c}>
            {c === 'system'
              ? t('settings.languages.system', { language: t(`settings.languages.${resolveLanguage('system', osLanguages())}`) })
              : t(`settings.languages.${c}`)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeChannel } from './kiosk-store';

/** Where the one-time code goes: the signer's own e-mail or phone. */
export function CodeChannelChoice({ value, onChange }: { value: CodeChannel; onChange(channel: CodeChannel): void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="field">
      <legend>{t('signingUi.kiosk.channel')}</legend>
      {(['email', 'sms'] as const).map((c) => (
        <label key={c} className="kiosk-radio">
          <input type="radio" name={name} value={c} checked={value === c} onChange={() => onChange(c)} /> {t(`signingUi.kiosk.channel_${c}`)}
        </label>
      ))}
    </fieldset>
  );
}

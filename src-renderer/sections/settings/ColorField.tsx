import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const hexPattern = /^#[0-9a-fA-F]{6}$/;

/**
 * The browser's colour picker beside the hex code it stands for, kept in step both ways: a pasted brand colour is as
 * easy as a picked one. While a code is half typed the picker keeps showing black, and the code goes to the service as
 * typed, which answers with the field's message.
 */
export function ColorField({ value, onChange, error }: { value: string; onChange(color: string): void; error?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState(value);
  const errorId = `${id}-error`;
  const described = error ? errorId : `${id}-hint`;
  return (
    <fieldset className="color-field">
      <legend>{t('stagesUi.form.color')}</legend>
      <div className="color-field-row">
        <input
          id={`${id}-picker`}
          type="color"
          value={hexPattern.test(value) ? value.toLowerCase() : '#000000'}
          aria-label={t('stagesUi.form.colorPicker')}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(e.target.value);
          }}
        />
        <label htmlFor={`${id}-hex`} className="visually-hidden">
          {t('stagesUi.form.hex')}
        </label>
        <input
          id={`${id}-hex`}
          type="text"
          className="color-field-hex"
          value={typed}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => {
            const next = e.target.value.trim();
            setTyped(next);
            onChange(hexPattern.test(next) ? next.toLowerCase() : next);
          }}
        />
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="field-hint">
          {t('stagesUi.form.hexHint')}
        </p>
      )}
    </fieldset>
  );
}

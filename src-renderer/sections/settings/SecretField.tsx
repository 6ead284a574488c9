import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/Field';
import { LabelledInput } from './LabelledInput';

interface SecretFieldProps {
  label: string;
  /** Whether the keychain holds one now. */
  stored: boolean;
  value: string;
  onChange(value: string): void;
  remove: boolean;
  onRemoveChange(remove: boolean): void;
  error?: string | undefined;
  /** Shown when none is stored and one is optional. */
  optionalHint?: string;
}

/**
 * A token typed once and kept in the keychain: the field never shows the stored one (it never reaches the window),
 * only says whether there is one. Empty keeps it; a new value replaces it; the checkbox removes it.
 */
export function SecretField({ label, stored, value, onChange, remove, onRemoveChange, error, optionalHint }: SecretFieldProps) {
  const { t } = useTranslation();
  const hint = stored ? t('smsUi.secretStored') : (optionalHint ?? t('smsUi.secretNone'));
  return (
    <>
      <LabelledInput
        label={label}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        maxLength={512}
        disabled={remove}
        onChange={(e) => onChange(e.target.value)}
        hint={hint}
        error={error}
      />
      {stored ? <CheckboxField label={t('smsUi.removeSecret', { name: label })} checked={remove} onChange={onRemoveChange} /> : null}
    </>
  );
}

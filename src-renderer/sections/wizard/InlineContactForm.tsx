import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../src-shared/contacts/schema';
import { api } from '../../api';
import { TextField } from '../../components/Field';
import { fieldErrorsOf } from '../../i18n/format-error';

const names = ['firstName', 'lastName', 'companyName', 'email', 'phone'] as const;
type Name = (typeof names)[number];

/** A counterparty created without leaving the wizard: the few details signing needs, errors shown by field. */
export function InlineContactForm({ onCreated, onCancel }: { onCreated(contact: Contact): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Name, string>>({ firstName: '', lastName: '', companyName: '', email: '', phone: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = error ? fieldErrorsOf(t, error, names) : { byField: {} as Record<string, string>, other: [] };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = Object.fromEntries(names.map((n) => [n, values[n].trim() || undefined]));
      onCreated(await api.call('contacts.create', { fields: { kind: 'client', ...trimmed } as never }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wizard-inline-form" role="group" aria-label={t('wizard.signers.newContact')}>
      {names.map((n) => (
        <TextField
          key={n}
          label={t(`fieldLabels.${n}`)}
          value={values[n]}
          onChange={(v) => setValues((old) => ({ ...old, [n]: v }))}
          required={n === 'firstName' || n === 'lastName'}
          type={n === 'email' ? 'email' : n === 'phone' ? 'tel' : 'text'}
          error={errors.byField[n]}
        />
      ))}
      {errors.other.length ? (
        <p className="field-error" role="alert">
          {errors.other.map((i) => i.message).join(' ')}
        </p>
      ) : null}
      <div className="form-buttons">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy}>
          {t('wizard.signers.saveContact')}
        </button>
      </div>
    </div>
  );
}

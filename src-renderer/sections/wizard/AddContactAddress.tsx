import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contactFieldNames, type Contact, type ContactFieldsInput } from '../../../src-shared/contacts/schema';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';

export type AddressField = 'email' | 'phone';

/** A contact's fields as stored, ready to be sent back whole by `contacts.update` (it replaces the record). */
function fieldsOf(contact: Contact): ContactFieldsInput {
  return Object.fromEntries(contactFieldNames.map((n) => [n, contact[n]])) as ContactFieldsInput;
}

interface AddContactAddressProps {
  contactId: string;
  signerName: string;
  field: AddressField;
  onSaved(contact: Contact): void;
  onCancel(): void;
}

/**
 * The e-mail address or phone number a counterparty's contact lacks, added from the delivery step. It is the contact
 * book's own save (`contacts.update`, on the record as it is now), so it is checked as there: the phone read in the
 * contact's country and kept in E.164, a duplicate of another contact refused; errors shown by the field.
 */
export function AddContactAddress({ contactId, signerName, field, onSaved, onCancel }: AddContactAddressProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [required, setRequired] = useState(false);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const byField = error ? fieldErrorsOf(t, error, [field]).byField[field] : undefined;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setRequired(!value.trim());
    if (!value.trim()) return;
    setBusy(true);
    try {
      const contact = await api.call('contacts.get', { id: contactId });
      onSaved(await api.call('contacts.update', { id: contactId, fields: { ...fieldsOf(contact), [field]: value.trim() } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={formId} className="wizard-inline-form" aria-label={t(`wizard.delivery.addressFor_${field}`, { name: signerName })} onSubmit={(e) => void save(e)} noValidate>
      <TextField
        label={t(`fieldLabels.${field}`)}
        value={value}
        onChange={(v) => {
          setValue(v);
          setRequired(false);
          setError(null);
        }}
        type={field === 'email' ? 'email' : 'tel'}
        autoComplete={field === 'email' ? 'email' : 'tel'}
        required
        autoFocus
        hint={field === 'phone' ? t('wizard.delivery.phoneHint') : undefined}
        error={required ? t('validation.required') : byField}
      />
      {error && !byField ? <ErrorNotice error={error} /> : null}
      <div className="form-buttons">
        <FormButtons form={formId} busy={busy} submitLabel={t('wizard.delivery.saveAddress')} busyLabel={t('common.saving')} onCancel={onCancel} />
      </div>
    </form>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserFields } from '../../../src-shared/company/schema';
import { CheckboxField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';

export interface EmployeeValues {
  name: string;
  email: string;
  isAdmin: boolean;
  isSigner: boolean;
}

interface EmployeeFormDialogProps {
  title: string;
  submitLabel: string;
  initial: EmployeeValues;
  /** Editing the only administrator: the dialog says before the save what the service would refuse. */
  onlyAdmin?: boolean;
  onClose(): void;
  /** Throws the service's refusal, which the dialog shows beside its field or below the form. */
  onSubmit(fields: UserFields): Promise<void>;
}

const fields = ['name', 'email', 'isAdmin', 'isSigner'] as const;

export function EmployeeFormDialog({ title, submitLabel, initial, onlyAdmin, onClose, onSubmit }: EmployeeFormDialogProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (patch: Partial<EmployeeValues>) => setValues((v) => ({ ...v, ...patch }));
  // An empty e-mail box means "no address"; the service trims, checks and lower-cases what is there.
  const send = () => onSubmit({ name: values.name, email: values.email.trim() || undefined, isAdmin: values.isAdmin, isSigner: values.isSigner });

  return (
    <FormDialog title={title} submitLabel={submitLabel} fields={fields} onClose={onClose} onSubmit={send}>
      {(errors) => (
        <>
          <TextField label={t('employeesUi.form.name')} value={values.name} onChange={(name) => set({ name })} maxLength={100} required autoFocus error={errors.name} />
          <TextField label={t('employeesUi.form.email')} type="email" inputMode="email" value={values.email} onChange={(email) => set({ email })} maxLength={254} error={errors.email} />
          <CheckboxField
            label={t('employeesUi.form.isAdmin')}
            hint={onlyAdmin ? t('employeesUi.form.onlyAdmin') : t('employeesUi.form.isAdminHint')}
            checked={values.isAdmin}
            onChange={(isAdmin) => set({ isAdmin })}
            error={errors.isAdmin}
          />
          <CheckboxField label={t('employeesUi.form.isSigner')} hint={t('employeesUi.form.isSignerHint')} checked={values.isSigner} onChange={(isSigner) => set({ isSigner })} error={errors.isSigner} />
        </>
      )}
    </FormDialog>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { ColorField } from './ColorField';

export interface StageValues {
  name: string;
  color: string;
}

interface StageFormDialogProps {
  title: string;
  submitLabel: string;
  /** Which of the two values this dialog asks for: a rename, a recolour, or a new stage (both). */
  asks: 'name' | 'color' | 'both';
  initial: StageValues;
  /** Under the name: what an empty name means (a default stage goes back to its translated name). */
  nameHint?: string | undefined;
  onClose(): void;
  /** Throws the service's refusal, which the dialog shows beside its field. */
  onSubmit(values: StageValues): Promise<void>;
}

const fields = ['name', 'color'] as const;

export function StageFormDialog({ title, submitLabel, asks, initial, nameHint, onClose, onSubmit }: StageFormDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { byField } = fieldErrorsOf(t, error, fields);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ name: values.name.trim(), color: values.color });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="small"
      footer={<FormButtons form={formId} busy={busy} submitLabel={submitLabel} busyLabel={t('common.saving')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        {asks !== 'color' ? (
          <TextField label={t('stagesUi.form.name')} value={values.name} onChange={(name) => setValues((v) => ({ ...v, name }))} maxLength={60} required={!nameHint} autoFocus error={byField.name} hint={nameHint} />
        ) : null}
        {asks !== 'name' ? <ColorField value={values.color} onChange={(color) => setValues((v) => ({ ...v, color }))} error={byField.color} /> : null}
        <ErrorNotice error={error} omitFields={fields} />
      </form>
    </Dialog>
  );
}

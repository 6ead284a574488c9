import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../i18n/format-error';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { FormButtons } from './FormButtons';

interface FormDialogProps {
  title: string;
  submitLabel: string;
  /** What the submit button says while the call runs; "Saving…" unless given. */
  busyLabel?: string | undefined;
  /** The form's fields: a refusal naming one is shown beside it (`children` gets the messages), the rest below. */
  fields?: readonly string[];
  onClose(): void;
  /** Sends the form; what it throws (the service's refusal) stays in the dialog, which the caller closes on success. */
  onSubmit(): Promise<void>;
  children(errors: Record<string, string>): ReactNode;
}

/** A small dialog around one form: submit and cancel in the footer, busy while it sends, and the refusal shown in it. */
export function FormDialog({ title, submitLabel, busyLabel, fields = [], onClose, onSubmit, children }: FormDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { byField } = fieldErrorsOf(t, error, fields);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
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
      footer={<FormButtons form={formId} busy={busy} submitLabel={submitLabel} busyLabel={busyLabel ?? t('common.saving')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        {children(byField)}
        <ErrorNotice error={error} omitFields={fields} />
      </form>
    </Dialog>
  );
}

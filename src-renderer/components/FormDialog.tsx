import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
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
  /** Problems found before sending, by field, as translated text; they win over the service's. */
  localErrors?: Record<string, string> | undefined;
  /** Small unless a longer form needs more room. */
  size?: 'small' | 'large';
  className?: string | undefined;
  onClose(): void;
  /** Sends the form; what it throws (the service's refusal) stays in the dialog, which the caller closes on success. */
  onSubmit(): Promise<void>;
  children(errors: Record<string, string>): ReactNode;
}

/**
 * A dialog around one form: submit and cancel in the footer, busy while it sends, the refusal shown in it, and after
 * each attempt focus on the first field found wrong, so a keyboard user lands on it.
 */
export function FormDialog({ title, submitLabel, busyLabel, fields = [], localErrors, size = 'small', className, onClose, onSubmit, children }: FormDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const { byField } = fieldErrorsOf(t, error, fields);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]')?.focus();
  }, [attempt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (e) {
      setError(e);
    }
    // A form that found its own problems resolves without closing: it is ready for the next attempt either way.
    setBusy(false);
    setAttempt((a) => a + 1);
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size={size}
      footer={<FormButtons form={formId} busy={busy} submitLabel={submitLabel} busyLabel={busyLabel ?? t('common.saving')} onCancel={onClose} />}
    >
      <form id={formId} ref={formRef} className={className} onSubmit={(e) => void submit(e)} noValidate>
        {children({ ...byField, ...localErrors })}
        <ErrorNotice error={error} omitFields={fields} />
      </form>
    </Dialog>
  );
}

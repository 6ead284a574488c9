import { useTranslation } from 'react-i18next';

interface FormButtonsProps {
  /** The id of the `<form>` the submit button belongs to (it sits in the dialog footer, outside the form). */
  form: string;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  /** "Cancel" unless given: a step back, for instance. */
  cancelLabel?: string;
  onCancel(): void;
}

/** A dialog footer's submit and cancel pair: the submit is disabled and says what is happening while busy. */
export function FormButtons({ form, busy, submitLabel, busyLabel, cancelLabel, onCancel }: FormButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      <button type="submit" form={form} className="button button-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </button>
    </>
  );
}

interface SubmitActionsProps {
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  /** The form's main action (filled) or a secondary one beside it on the page (outlined). */
  primary?: boolean;
}

/** A form's own actions row with its one submit button, disabled and saying what is happening while busy. */
export function SubmitActions({ busy, submitLabel, busyLabel, primary = true }: SubmitActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  );
}

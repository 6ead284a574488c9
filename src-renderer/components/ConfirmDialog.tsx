import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../state/use-action';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface ConfirmDialogProps {
  title: string;
  question: string;
  /** The button that does it, shown as dangerous. */
  confirmLabel: string;
  /** "Cancel" unless given. */
  cancelLabel?: string | undefined;
  onCancel(): void;
  /** Does it; what it throws (the service's refusal) is shown in the dialog, which the caller closes on success. */
  onConfirm(): Promise<void>;
  /** A third way, shown as the primary button between the two ("Save and leave" beside "Discard"); run like `onConfirm`. */
  alternative?: { label: string; run(): Promise<void> } | undefined;
}

/**
 * "Delete this …?" before something that cannot be undone: Cancel has the focus, so a stray Enter or Escape changes
 * nothing; the confirming button (and the alternative, when there is one) is busy while the call runs.
 */
export function ConfirmDialog({ title, question, confirmLabel, cancelLabel, onCancel, onConfirm, alternative }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const questionId = useId();
  const { busy, error, run } = useAction();

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      size="small"
      describedBy={questionId}
      footer={
        <>
          <button type="button" className="button button-danger" onClick={() => void run(onConfirm)} disabled={busy}>
            {confirmLabel}
          </button>
          {alternative ? (
            <button type="button" className="button button-primary" onClick={() => void run(alternative.run)} disabled={busy}>
              {alternative.label}
            </button>
          ) : null}
          <button type="button" className="button" onClick={onCancel} data-autofocus="">
            {cancelLabel ?? t('common.cancel')}
          </button>
        </>
      }
    >
      <p id={questionId}>{question}</p>
      <ErrorNotice error={error} />
    </Dialog>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextAreaField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';

/** Declining needs a reason: the owner reads it in the history and decides what to prepare next. */
export function DeclineDialog({ onDecline, onClose }: { onDecline(reason: string): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formId = useId();
  const empty = reason.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (empty) return;
    setBusy(true);
    setError(null);
    try {
      await onDecline(reason.trim());
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('signingUi.decline.title')}
      onClose={onClose}
      size="small"
      footer={<FormButtons form={formId} busy={busy} submitLabel={t('signingUi.decline.submit')} busyLabel={t('signingUi.decline.busy')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField label={t('signingUi.decline.reason')} value={reason} onChange={setReason} required maxLength={1000} rows={4} error={tried && empty ? t('validation.required') : undefined} />
        <ErrorNotice error={error} />
      </form>
    </Dialog>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FormButtons } from '../../components/FormButtons';

/** The employee's PIN, asked before the kiosk lets go of the computer. */
export function PinDialog({ title, submitLabel, onSubmit, onClose }: { title: string; submitLabel: string; onSubmit(pin: string): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formId = useId();
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(pin);
    } catch (e) {
      setError(e);
      setPin('');
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose} size="small" footer={<FormButtons form={formId} busy={busy} submitLabel={submitLabel} busyLabel={t('signingUi.kiosk.unlocking')} onCancel={onClose} />}>
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={inputId}>{t('signingUi.kiosk.pin')}</label>
          <input id={inputId} type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </div>
        <ErrorNotice error={error} />
      </form>
    </Dialog>
  );
}

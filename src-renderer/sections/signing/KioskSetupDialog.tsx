import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner } from '../../../src-shared/documents/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CodeChannelChoice } from './CodeChannelChoice';
import { FormButtons } from '../../components/FormButtons';
import { enterFullscreen, useKioskStore, type CodeChannel } from './kiosk-store';
import './signing.css';

const pinPattern = /^\d{4,8}$/;

/**
 * Before the computer is handed over: where the signer's code goes, and the PIN that alone gives the computer back.
 * Locking is the main side's (`kiosk.lock`): from then on it answers only this signer's calls.
 */
export function KioskSetupDialog({ documentId, signer, onClose }: { documentId: string; signer: DocumentSigner; onClose(): void }) {
  const { t } = useTranslation();
  const lock = useKioskStore((s) => s.lock);
  const [channel, setChannel] = useState<CodeChannel>('email');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formId = useId();
  const pinId = useId();
  const againId = useId();
  const pinError = tried && !pinPattern.test(pin) ? t('signingUi.kiosk.pinFormat') : undefined;
  const againError = tried && !pinError && pin !== again ? t('signingUi.kiosk.pinMismatch') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!pinPattern.test(pin) || pin !== again) return;
    setBusy(true);
    setError(null);
    enterFullscreen();
    try {
      await lock({ documentId, signerId: signer.id, pin, channel });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const digits = (value: string) => value.replace(/\D/g, '').slice(0, 8);
  return (
    <Dialog
      title={t('signingUi.kiosk.setupTitle', { name: signer.name })}
      onClose={onClose}
      footer={<FormButtons form={formId} busy={busy} submitLabel={t('signingUi.kiosk.lock')} busyLabel={t('signingUi.kiosk.locking')} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate className="kiosk-form">
        <p>{t('signingUi.kiosk.setupLead')}</p>
        <CodeChannelChoice value={channel} onChange={setChannel} />
        <div className="field">
          <label htmlFor={pinId}>{t('signingUi.kiosk.newPin')}</label>
          <input id={pinId} type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(digits(e.target.value))} aria-invalid={pinError ? true : undefined} aria-describedby={`${pinId}-hint${pinError ? ` ${pinId}-error` : ''}`} />
          <p id={`${pinId}-hint`} className="field-hint">
            {t('signingUi.kiosk.pinHint')}
          </p>
          {pinError ? <p id={`${pinId}-error`} className="field-error">{pinError}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={againId}>{t('signingUi.kiosk.pinAgain')}</label>
          <input id={againId} type="password" inputMode="numeric" autoComplete="new-password" value={again} onChange={(e) => setAgain(digits(e.target.value))} aria-invalid={againError ? true : undefined} aria-describedby={againError ? `${againId}-error` : undefined} />
          {againError ? <p id={`${againId}-error`} className="field-error">{againError}</p> : null}
        </div>
        <ErrorNotice error={error} />
      </form>
    </Dialog>
  );
}

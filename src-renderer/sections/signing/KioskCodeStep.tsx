import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/contract/errors';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CodeChannelChoice } from './CodeChannelChoice';
import { formatTime } from './kiosk-format';
import { OneTimeCodeInput } from './OneTimeCodeInput';
import { rememberedChannel, type CodeChannel } from './kiosk-store';

interface KioskCodeStepProps {
  documentId: string;
  signerId: number;
  signerName: string;
  onChecked(): void;
  /** Five wrong codes: only the employee can let the signer ask for another. */
  onLocked(): void;
}

/** The signer proves who they are with a code sent to their own e-mail or phone: 6 digits, 5 minutes, 5 attempts. */
export function KioskCodeStep({ documentId, signerId, signerName, onChecked, onLocked }: KioskCodeStepProps) {
  const { t, i18n } = useTranslation();
  const [channel, setChannel] = useState<CodeChannel>(rememberedChannel);
  const [sent, setSent] = useState<{ expiresAt: string; sentTo: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formId = useId();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
      if (e instanceof AppError && e.messageKey === 'signing.otp.locked') onLocked();
      if (e instanceof AppError && (e.messageKey === 'signing.otp.expired' || e.messageKey === 'signing.otp.none')) setSent(null);
    } finally {
      setBusy(false);
    }
  };

  const send = () =>
    run(async () => {
      setSent(await api.call('signing.inPerson.start', { documentId, signerId, channel }));
      setCode('');
    });

  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.call('signing.inPerson.check', { documentId, signerId, code });
      onChecked();
    });
  };

  return (
    <div className="kiosk-step">
      <h2>{t('signingUi.kiosk.codeTitle', { name: signerName })}</h2>
      <p>{t('signingUi.kiosk.codeLead')}</p>
      {!sent ? (
        <>
          <CodeChannelChoice value={channel} onChange={setChannel} />
          <div>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void send()}>
              {t('signingUi.kiosk.sendCode')}
            </button>
          </div>
        </>
      ) : (
        <form id={formId} onSubmit={check} noValidate className="kiosk-form">
          <p role="status">{t('signingUi.kiosk.sentTo', { to: sent.sentTo, time: formatTime(sent.expiresAt, i18n.language) })}</p>
          <OneTimeCodeInput label={t('signingUi.kiosk.code')} hint={t('signingUi.kiosk.codeHint')} className="kiosk-code" value={code} onChange={setCode} />
          <div className="sign-actions">
            <button type="submit" className="button button-primary" disabled={busy || code.length !== 6}>
              {t('signingUi.kiosk.checkCode')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void send()}>
              {t('signingUi.kiosk.resend')}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

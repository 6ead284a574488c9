import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { minServerSealPasswordLength } from '../../../src-shared/identity/types';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SubmitActions } from '../../components/FormButtons';
import { downloadText } from '../../files/download-text';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { formatDateTime } from '../contacts/format';
import { LabelledInput } from './LabelledInput';

const sealFields = ['password'] as const;

/**
 * "Export the server's seal certificate" (administrators): the desktop issues a new seal certificate for the company
 * server from the company CA and hands over a PKCS#12 under the password typed here twice. The file is saved like
 * the CA export (a download in the browser host, the save dialog in Electron); the password is not kept anywhere.
 */
export function ServerSealExport() {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { byField } = fieldErrorsOf(t, error, sealFields);
  const [tried, setTried] = useState(false);
  const mismatch = (tried || again !== '') && again !== password;

  const close = () => {
    setOpen(false);
    setPassword('');
    setAgain('');
    setError(null);
    setTried(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    // The second field says why; nothing is issued for a password typed two ways.
    if (password !== again) return;
    setBusy(true);
    try {
      const result = await api.call('identity.exportServerSeal', { password });
      const bytes = Uint8Array.from(atob(result.data), (c) => c.charCodeAt(0));
      downloadText(result.filename, bytes, 'application/x-pkcs12');
      const message = t('companyServerUi.sealExported', { filename: result.filename, date: formatDateTime(result.certificate.notAfter, i18n.language) });
      setSaved(message);
      announce(message);
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="company-server-seal">
      <h3>{t('companyServerUi.sealTitle')}</h3>
      <p className="muted">{t('companyServerUi.sealIntro')}</p>
      {saved ? <p role="status">{saved}</p> : null}
      {open ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <LabelledInput
            type="password"
            label={t('companyServerUi.sealPassword')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={minServerSealPasswordLength}
            maxLength={1024}
            hint={t('companyServerUi.sealPasswordHint')}
            error={byField.password}
            autoComplete="new-password"
            autoFocus
            required
          />
          <LabelledInput
            type="password"
            label={t('companyServerUi.sealPasswordAgain')}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            maxLength={1024}
            error={mismatch ? t('companyServerUi.sealPasswordsDiffer') : undefined}
            autoComplete="new-password"
            required
          />
          <ErrorNotice error={error} omitFields={sealFields} />
          <SubmitActions busy={busy} submitLabel={t('companyServerUi.sealExport')} busyLabel={t('companyServerUi.sealExporting')} />
          <button type="button" className="button" onClick={close}>
            {t('companyServerUi.sealCancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('companyServerUi.sealExport')}
        </button>
      )}
    </div>
  );
}

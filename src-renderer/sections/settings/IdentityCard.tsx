import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityStatus } from '../../../src-shared/identity/types';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { downloadText } from '../../files/download-text';
import { useAppStore } from '../../state/app-store';
import { CertificateFacts } from './CertificateFacts';
import { IdentityState } from './IdentityState';
import { ImportP12Dialog } from './ImportP12Dialog';
import { useIdentityStore } from './identity-store';

/** How often the status is asked again while keys are being made (a keychain may be waiting for its unlock prompt). */
const pollMs = 1000;

/** "Company certificate": the seal every signed PDF carries, where its key is kept, and export / import / recovery. */
export function IdentityCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const status = useIdentityStore((s) => s.status);
  const statusError = useIdentityStore((s) => s.statusError);
  const refreshStatus = useIdentityStore((s) => s.refreshStatus);
  const announce = useAppStore((s) => s.announce);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  // Each answer is a new object, so this re-arms after every poll until the state moves on; a failed poll stops it
  // (the error is shown with a retry) instead of hammering a host that is gone.
  useEffect(() => {
    if (status?.state !== 'creating') return;
    const timer = window.setTimeout(() => void refreshStatus(), pollMs);
    return () => window.clearTimeout(timer);
  }, [status, refreshStatus]);

  const exportCa = async () => {
    setExporting(true);
    setError(null);
    try {
      const { filename, pem } = await api.call('identity.exportCa', {});
      downloadText(filename, pem, 'application/x-pem-file');
      announce(t('identityUi.exported', { filename }));
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  };

  const settled = status !== null && status.state !== 'creating' && status.state !== 'notSetUp';
  return (
    <section className="card identity-card" aria-labelledby="settings-identity">
      <h2 id="settings-identity">{t('identityUi.heading')}</h2>
      <p className="muted identity-lead">{t('identityUi.lead')}</p>
      {statusError ? <ErrorNotice error={statusError} onRetry={() => void refreshStatus()} /> : null}
      {status ? (
        <>
          <IdentityState status={status} canManage={canManage} />
          <IdentityDetails status={status} />
          <div className="form-actions identity-actions">
            <button type="button" className="button" onClick={() => void exportCa()} disabled={!status.seal || exporting}>
              {exporting ? t('identityUi.exporting') : t('identityUi.export')}
            </button>
            <button type="button" className="button" onClick={() => setImporting(true)} disabled={!canManage || !settled}>
              {t('identityUi.import.open')}
            </button>
          </div>
          <p className="field-hint">{t('identityUi.exportHint')}</p>
          {error ? <ErrorNotice error={error} /> : null}
        </>
      ) : statusError ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {importing ? <ImportP12Dialog onClose={() => setImporting(false)} /> : null}
    </section>
  );
}

function IdentityDetails({ status }: { status: IdentityStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts identity-facts">
        <dt>{t('identityUi.keyKept')}</dt>
        <dd>
          {t(`identityUi.keyLocation.${status.keyLocation}`)}
          {status.keyStoreDescription ? <span className="identity-store-name"> — {status.keyStoreDescription}</span> : null}
        </dd>
        {status.source ? (
          <>
            <dt>{t('identityUi.source')}</dt>
            <dd>{t(`identityUi.sources.${status.source}`)}</dd>
          </>
        ) : null}
      </dl>
      {status.seal ? (
        <section className="identity-cert" aria-labelledby="identity-seal">
          <h3 id="identity-seal">{t('identityUi.seal')}</h3>
          <CertificateFacts certificate={status.seal} />
        </section>
      ) : null}
      {status.seal ? (
        <section className="identity-cert" aria-labelledby="identity-chain">
          <h3 id="identity-chain">{t('identityUi.chain')}</h3>
          {status.chain.length === 0 ? (
            <p className="muted">{t('identityUi.chainEmpty')}</p>
          ) : (
            <>
              <p className="field-hint">{t('identityUi.chainLead')}</p>
              <ol className="identity-chain">
                {status.chain.map((c) => (
                  <li key={c.sha256}>
                    <CertificateFacts certificate={c} />
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

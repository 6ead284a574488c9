import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxCertificateBytes, type TrustAnchorInfo } from '../../../src-shared/identity/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { Fingerprint } from './CertificateFacts';
import { formatCertTime, formatLimit } from './identity-format';
import { useIdentityStore } from './identity-store';
import { readUpload } from './read-upload';
import { RemoveAnchorDialog } from './RemoveAnchorDialog';

/** Partners' and commercial CAs this installation trusts besides its own: a seal under one of them verifies as trusted. */
export function TrustAnchorsCard({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const anchors = useIdentityStore((s) => s.anchors);
  const anchorsError = useIdentityStore((s) => s.anchorsError);
  const refreshAnchors = useIdentityStore((s) => s.refreshAnchors);
  const addAnchors = useIdentityStore((s) => s.addAnchors);
  const announce = useAppStore((s) => s.announce);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<TrustAnchorInfo | null>(null);
  const [refocus, setRefocus] = useState(0);
  const fileRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void refreshAnchors();
  }, [refreshAnchors]);

  // After a removal the row and its button are gone: focus lands on the card's own control, not on the page body. An
  // effect, so it runs after the dialog has closed and tried to hand focus back to the (removed) button.
  useEffect(() => {
    if (refocus > 0) addRef.current?.focus();
  }, [refocus]);

  const add = async (file: File | undefined) => {
    if (!file || adding) return;
    setAdding(true);
    setError(null);
    try {
      const added = await addAnchors(await readUpload(file, maxCertificateBytes));
      announce(t('identityUi.trust.added', { count: added.length }));
    } catch (e) {
      setError(e);
    } finally {
      setAdding(false);
      // The same file chosen again after a fix must fire a change again.
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const removed = (anchor: TrustAnchorInfo) => {
    setRemoving(null);
    setRefocus((n) => n + 1);
    announce(t('identityUi.trust.removed', { subject: anchor.subject }));
  };

  return (
    <section className="card" aria-labelledby="settings-trust">
      <h2 id="settings-trust">{t('identityUi.trust.heading')}</h2>
      <p className="muted identity-lead">{t('identityUi.trust.lead')}</p>
      {anchorsError ? <ErrorNotice error={anchorsError} onRetry={() => void refreshAnchors()} /> : null}
      {anchors === null ? (
        anchorsError ? null : <p className="muted">{t('common.loading')}</p>
      ) : anchors.length === 0 ? (
        <p className="empty-state trust-empty">{t('identityUi.trust.empty')}</p>
      ) : (
        <AnchorTable anchors={anchors} language={i18n.language} canManage={canManage} onRemove={setRemoving} />
      )}
      <div className="form-actions">
        {/* aria-disabled, not disabled, while a file is read: a disabled button would drop the keyboard focus. */}
        <button
          ref={addRef}
          type="button"
          className="button"
          disabled={!canManage}
          aria-disabled={adding || undefined}
          onClick={() => {
            if (!adding) fileRef.current?.click();
          }}
        >
          {adding ? t('identityUi.trust.adding') : t('identityUi.trust.add')}
        </button>
        {/* Opened by the button above, which carries the name; hidden inputs stay out of the tab order and the a11y tree. */}
        <input ref={fileRef} type="file" hidden accept=".pem,.cer,.crt,.der,application/x-pem-file,application/x-x509-ca-cert" onChange={(e) => void add(e.target.files?.[0])} />
      </div>
      <p className="field-hint">{t('identityUi.trust.fileHint', { size: formatLimit(maxCertificateBytes) })}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {removing ? <RemoveAnchorDialog anchor={removing} onClose={() => setRemoving(null)} onRemoved={removed} /> : null}
    </section>
  );
}

interface AnchorTableProps {
  anchors: TrustAnchorInfo[];
  language: string;
  canManage: boolean;
  onRemove(anchor: TrustAnchorInfo): void;
}

function AnchorTable({ anchors, language, canManage, onRemove }: AnchorTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table trust-table">
        <caption className="visually-hidden">{t('identityUi.trust.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('identityUi.cert.subject')}</th>
            <th scope="col">{t('identityUi.cert.fingerprint')}</th>
            <th scope="col">{t('identityUi.cert.validTo')}</th>
            <th scope="col">{t('identityUi.trust.addedAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('identityUi.trust.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {anchors.map((a) => (
            <tr key={a.sha256}>
              <th scope="row">{a.subject}</th>
              <td>
                <Fingerprint sha256={a.sha256} />
              </td>
              <td>
                <time dateTime={a.notAfter}>{formatCertTime(a.notAfter, language, false)}</time>
              </td>
              <td>{a.addedAt ? <time dateTime={a.addedAt}>{formatCertTime(a.addedAt, language)}</time> : t('policyUi.managedAnchor')}</td>
              <td>
                {/* One the managed policy brings is not this installation's to remove (issue 10). */}
                {a.managed ? (
                  <span className="muted">{t('policy.locked')}</span>
                ) : (
                  <button type="button" className="button button-small button-danger-outline" disabled={!canManage} onClick={() => onRemove(a)}>
                    {t('identityUi.trust.remove')}
                    <span className="visually-hidden"> {a.subject}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

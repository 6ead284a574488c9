import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustAnchorInfo } from '../../../src-shared/identity/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useIdentityStore } from './identity-store';

/** "Remove this certificate authority?": Cancel has the focus, so a stray Enter keeps the trust as it was. */
export function RemoveAnchorDialog({ anchor, onClose, onRemoved }: { anchor: TrustAnchorInfo; onClose(): void; onRemoved(anchor: TrustAnchorInfo): void }) {
  const { t } = useTranslation();
  const removeAnchor = useIdentityStore((s) => s.removeAnchor);
  const refreshAnchors = useIdentityStore((s) => s.refreshAnchors);
  const questionId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await removeAnchor(anchor.sha256);
      onRemoved(anchor);
    } catch (e) {
      setError(e);
      setBusy(false);
      // Removed elsewhere meanwhile (NOT_FOUND): the list should stop showing it.
      void refreshAnchors();
    }
  };

  return (
    <Dialog
      title={t('identityUi.trust.removeTitle')}
      onClose={onClose}
      size="small"
      describedBy={questionId}
      footer={
        <>
          <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
            {t('identityUi.trust.removeConfirm')}
          </button>
          <button type="button" className="button" onClick={onClose} data-autofocus="">
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p id={questionId}>{t('identityUi.trust.removeQuestion', { subject: anchor.subject })}</p>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}

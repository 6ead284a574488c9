import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * "Unlock signing code" for each portal signer locked out by five wrong codes (lockedCodeSigners): the company server
 * frees the lock and the signer can ask for a new code on their link. The outcome is announced in the panel's own live
 * region, as the reminders' is; `onUnlocked`: the history grew (otpUnlocked), which takes the button away.
 */
export function PanelUnlockCodes({ documentId, signers, onUnlocked }: { documentId: string; signers: readonly DocumentSigner[]; onUnlocked(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const unlock = async (signer: DocumentSigner) => {
    setBusy(signer.id);
    setError(null);
    setDone(null);
    try {
      await api.call('signing.unlockCode', { documentId, signerId: signer.id });
      setDone(signer.name);
      onUnlocked();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (signers.length === 0 && done === null && error === null) return null;
  return (
    <div>
      {signers.map((s) => (
        <button key={s.id} type="button" className="button" onClick={() => void unlock(s)} disabled={busy !== null}>
          {busy === s.id ? t('signingUi.panel.unlocking') : t('signingUi.panel.unlockCode', { name: s.name })}
        </button>
      ))}
      <div role="status">{done ? <p>{t('signingUi.panel.unlocked', { name: done })}</p> : null}</div>
      <ErrorNotice error={error} />
    </div>
  );
}

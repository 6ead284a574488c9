import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityState as State, IdentityStatus } from '../../../src-shared/identity/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { translateKey } from '../../i18n/format-error';
import { useIdentityStore } from './identity-store';

const tones: Record<State, 'ok' | 'busy' | 'problem' | 'idle'> = {
  ready: 'ok',
  creating: 'busy',
  notSetUp: 'idle',
  keyStoreUnavailable: 'problem',
  keyMissing: 'problem',
  failed: 'problem',
};

/** The state in plain words; when something is wrong, what the app and the keychain said, and the ways out. */
export function IdentityState({ status, canManage }: { status: IdentityStatus; canManage: boolean }) {
  const { t } = useTranslation();
  const reason = status.problem?.reason;
  return (
    <div className={`identity-state identity-state-${tones[status.state]}`}>
      {/* A live region: "Creating…" turning into "Ready" (or a problem) is announced without moving focus. */}
      <p role="status" className="identity-state-line">
        <span className="identity-state-dot" aria-hidden="true" />
        {t(`identityUi.state.${status.state}`)}
      </p>
      {status.problem ? <p>{translateKey(t, status.problem.messageKey, 'identity.problem.failed')}</p> : null}
      {reason ? (
        <p className="identity-reason">
          {t(status.state === 'keyStoreUnavailable' ? 'identityUi.keychainSaid' : 'identityUi.problemDetails', { reason })}
        </p>
      ) : null}
      {tones[status.state] === 'problem' ? <Recovery status={status} canManage={canManage} /> : null}
    </div>
  );
}

function Recovery({ status, canManage }: { status: IdentityStatus; canManage: boolean }) {
  const { t } = useTranslation();
  const create = useIdentityStore((s) => s.create);
  const moveToSafeStorage = useIdentityStore((s) => s.moveToSafeStorage);
  const [busy, setBusy] = useState<'create' | 'safeStorage' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (kind: 'create' | 'safeStorage', action: () => Promise<IdentityStatus>) => {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const lostKey = status.state === 'keyMissing';
  // Offered only when the keychain itself is what fails and keys are still meant for it: never as a quiet downgrade.
  const fallback = status.state === 'keyStoreUnavailable' && status.keyLocation === 'keychain' ? status.fallback : null;
  return (
    <>
      {lostKey ? <p className="field-hint">{t('identityUi.createNewHint')}</p> : null}
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={!canManage || busy !== null} onClick={() => void run('create', create)}>
          {busy === 'create' ? t('identityUi.creatingBusy') : (lostKey ? t('identityUi.createNew') : t('common.retry'))}
        </button>
      </div>
      {fallback?.available ? (
        <div className="notice notice-warning identity-fallback">
          <p>{t('identityUi.safeStorage.explain')}</p>
          <button type="button" className="button" disabled={!canManage || busy !== null} onClick={() => void run('safeStorage', moveToSafeStorage)}>
            {busy === 'safeStorage' ? t('identityUi.creatingBusy') : t('identityUi.safeStorage.use')}
          </button>
        </div>
      ) : null}
      {fallback && !fallback.available ? (
        <p className="field-hint">
          {t('identity.problem.safeStorageUnavailable')}
          {fallback.reason ? ` ${t('identityUi.problemDetails', { reason: fallback.reason })}` : ''}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { KioskCodeStep } from './KioskCodeStep';
import { leaveFullscreen, useKioskStore } from './kiosk-store';
import { PinDialog } from './PinDialog';
import { loadDesktopSubject } from './desktop-subject';
import { SignView, type SignActions } from './SignView';

type Step = 'code' | 'codeLocked' | 'sign' | 'done';

/**
 * The computer handed to a counterparty: only their document and their fields, a code to prove who they are, then
 * the signing screen, then "hand the computer back". The main side refuses everything else until the employee's PIN
 * (`kiosk.unlock`); a reload comes back here because the app asks `kiosk.state` first.
 */
export function KioskView({ documentId, signerId }: { documentId: string; signerId: number }) {
  const { t } = useTranslation();
  const unlock = useKioskStore((s) => s.unlock);
  const employee = useAppStore((s) => s.info?.user.name ?? '');
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [outcome, setOutcome] = useState<'signed' | 'declined'>('signed');
  const [unlocking, setUnlocking] = useState<'leave' | 'newCode' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    api.call('documents.get', { id: documentId }).then(
      (d) => {
        if (!live) return;
        setDoc(d);
        const status = d.signers.find((s) => s.id === signerId)?.status;
        // A reload after the code was passed goes straight back to signing; the main side says if that was too long ago.
        setStep(status === 'signed' || status === 'declined' ? 'done' : status === 'identityChecked' ? 'sign' : 'code');
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [documentId, signerId]);

  const actions = useMemo<SignActions>(
    () => ({
      load: () => loadDesktopSubject(documentId, (d) => d.signers.find((s) => s.id === signerId && s.status !== 'signed' && s.status !== 'declined')),
      sign: (input) => api.call('signing.inPerson.sign', { documentId, signerId, ...input }),
      decline: (reason) => api.call('signing.inPerson.decline', { documentId, signerId, reason }),
    }),
    [documentId, signerId],
  );

  const signer = doc?.signers.find((s) => s.id === signerId);

  /**
   * The employee's PIN also lets a signer locked out by wrong codes ask again: unlock, free the code, lock again with
   * the same PIN. Straight through the contract, not the kiosk store, so the app never shows itself in between.
   */
  const freeCode = async (pin: string) => {
    await api.call('kiosk.unlock', { pin });
    try {
      await api.call('signing.inPerson.unlockCode', { documentId, signerId });
    } finally {
      await api.call('kiosk.lock', { documentId, signerId, pin });
    }
    setUnlocking(null);
    setStep('code');
  };

  return (
    <main className="kiosk" data-testid="kiosk">
      <div className="kiosk-bar">
        <div>
          <strong>{t('signingUi.kiosk.title')}</strong>
          {doc && signer ? <span className="muted"> · {doc.title} · {signer.name}</span> : null}
        </div>
        <button type="button" className="button button-small" onClick={() => setUnlocking('leave')}>
          {t('signingUi.kiosk.unlockOpen', { name: employee })}
        </button>
      </div>
      <ErrorNotice error={loadError} />
      {step === 'code' && signer ? <KioskCodeStep documentId={documentId} signerId={signerId} signerName={signer.name} onChecked={() => setStep('sign')} onLocked={() => setStep('codeLocked')} /> : null}
      {step === 'codeLocked' ? (
        <div className="kiosk-step">
          <h2>{t('signingUi.kiosk.codeLockedTitle')}</h2>
          <p>{t('signing.otp.locked')}</p>
          <div>
            <button type="button" className="button" onClick={() => setUnlocking('newCode')}>
              {t('signingUi.kiosk.allowNewCode')}
            </button>
          </div>
        </div>
      ) : null}
      {step === 'sign' ? (
        <SignView
          actions={actions}
          headingRef={headingRef}
          onDone={(o) => {
            setOutcome(o);
            setStep('done');
          }}
        />
      ) : null}
      {step === 'done' ? (
        <div className="kiosk-step">
          <h2>{t(outcome === 'signed' ? 'signingUi.kiosk.thanksSigned' : 'signingUi.kiosk.thanksDeclined')}</h2>
          <p>{t('signingUi.kiosk.handBack', { name: employee })}</p>
        </div>
      ) : null}
      {unlocking ? (
        <PinDialog
          title={t(unlocking === 'leave' ? 'signingUi.kiosk.unlockTitle' : 'signingUi.kiosk.allowNewCode')}
          submitLabel={t(unlocking === 'leave' ? 'signingUi.kiosk.unlock' : 'signingUi.kiosk.allowNewCodeSubmit')}
          onClose={() => setUnlocking(null)}
          onSubmit={async (pin) => {
            if (unlocking === 'newCode') return freeCode(pin);
            await unlock(pin);
            leaveFullscreen();
          }}
        />
      ) : null}
    </main>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, DocumentSigner, DocumentSummary } from '../../../src-shared/documents/types';
import { useAppStore } from '../../state/app-store';
import { KioskSetupDialog } from './KioskSetupDialog';
import { PanelReminders } from './PanelReminders';
import { PanelUnlockCodes } from './PanelUnlockCodes';
import { lockedCodeSigners } from './locked-codes';
import { signRouteHash } from '../../../src-shared/signing/sign-route';
import { counterpartiesDue, mySignerDue } from './to-sign';
import { useGrant } from '../../state/grants';
import { reachesDocument } from '../../state/document-reach';

/**
 * On an opened document: "Sign now" when the employee's own signature is due, "Sign in person" for each
 * counterparty whose turn it is (until there is a company server, in person is the only way a counterparty signs),
 * and, for whoever may cancel and resend it (documents.cancelResend) while it is out for signing, the reminders and "Unlock signing code" for a
 * portal signer locked out by wrong codes (seen in the history, when `doc` is the detail). `onChanged`: the history grew.
 */
export function PanelSigningActions({ doc, onChanged }: { doc: DocumentSummary | DocumentDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.info?.user);
  const resendLevel = useGrant('documents.cancelResend');
  const [inPerson, setInPerson] = useState<DocumentSigner | null>(null);
  const mine = mySignerDue(doc, user?.id ?? '');
  const others = counterpartiesDue(doc);
  const mayRemind = (doc.phase === 'companySigning' || doc.phase === 'counterpartySigning') && !!user && reachesDocument({ userId: user.id, department: user.department ?? null }, resendLevel, doc);
  if (!mine && others.length === 0 && !mayRemind) return null;
  return (
    <>
      {mine || others.length > 0 ? (
        <div className="sign-actions">
          {mine ? (
            <a className="button button-primary" href={signRouteHash(doc.id)}>
              {t('signingUi.panel.sign')}
            </a>
          ) : null}
          {others.map((s) => (
            <button key={s.id} type="button" className="button" aria-haspopup="dialog" onClick={() => setInPerson(s)}>
              {t('signingUi.kiosk.open', { name: s.name })}
            </button>
          ))}
        </div>
      ) : null}
      {inPerson ? <KioskSetupDialog documentId={doc.id} signer={inPerson} onClose={() => setInPerson(null)} /> : null}
      {mayRemind ? <PanelUnlockCodes documentId={doc.id} signers={lockedCodeSigners(doc)} onUnlocked={onChanged} /> : null}
      {mayRemind ? <PanelReminders doc={doc} onReminded={onChanged} /> : null}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner, DocumentSummary } from '../../../src-shared/documents/types';
import { useAppStore } from '../../state/app-store';
import { KioskSetupDialog } from './KioskSetupDialog';
import { signRouteHash } from '../../../src-shared/signing/sign-route';
import { counterpartiesDue, mySignerDue } from './to-sign';

/**
 * On an opened document: "Sign now" when the employee's own signature is due, and "Sign in person" for each
 * counterparty whose turn it is (until there is a company server, in person is the only way a counterparty signs).
 */
export function PanelSigningActions({ doc }: { doc: DocumentSummary }) {
  const { t } = useTranslation();
  const userId = useAppStore((s) => s.info?.user.id ?? '');
  const [inPerson, setInPerson] = useState<DocumentSigner | null>(null);
  const mine = mySignerDue(doc, userId);
  const others = counterpartiesDue(doc);
  if (!mine && others.length === 0) return null;
  return (
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
      {inPerson ? <KioskSetupDialog documentId={doc.id} signer={inPerson} onClose={() => setInPerson(null)} /> : null}
    </div>
  );
}

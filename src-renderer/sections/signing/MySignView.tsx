import { useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { useAppStore } from '../../state/app-store';
import { loadDesktopSubject } from './desktop-subject';
import { SignView, type SignActions } from './SignView';
import { mySignerDue } from './to-sign';
import { useToSignStore } from './to-sign-store';
import { closeSignView } from './use-sign-route';

/** The signed-in employee signs their own place on the document (`signing.sign`); done, they are back at "To sign". */
export function MySignView({ documentId, userId, headingRef }: { documentId: string; userId: string; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const go = useAppStore((s) => s.go);
  const reload = useToSignStore((s) => s.load);
  const actions = useMemo<SignActions>(
    () => ({
      // As "To sign" decides it: a Draft (or a document no longer out) has nothing to sign, whoever is named on it.
      load: () => loadDesktopSubject(documentId, (doc) => mySignerDue(doc, userId)),
      sign: (input) => api.call('signing.sign', { documentId, ...input }),
      decline: (reason) => api.call('signing.decline', { documentId, reason }),
    }),
    [documentId, userId],
  );
  const back = () => {
    closeSignView();
    go('toSign');
  };
  const done = (outcome: 'signed' | 'declined', doc: DocumentSummary) => {
    announce(t(outcome === 'signed' ? 'signingUi.done.signed' : 'signingUi.done.declined', { title: doc.title }));
    void reload(userId);
    back();
  };
  return <SignView key={documentId} actions={actions} headingRef={headingRef} onDone={done} onBack={back} />;
}

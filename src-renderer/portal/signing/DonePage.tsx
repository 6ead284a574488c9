import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { sealedDownloadDays } from '../../../src-shared/portal/signing-session';
import { MessageCard } from './MessageCard';

interface DonePageProps {
  outcome: 'signed' | 'declined';
  /** Every party has now signed: the server seals and e-mails the document. */
  last: boolean;
  companyName: string;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}

/** After the signature or the refusal: what happens next, and that nothing more is asked of the signer. */
export function DonePage({ outcome, last, companyName, headingRef }: DonePageProps) {
  const { t } = useTranslation();
  if (outcome === 'declined') {
    return (
      <MessageCard title={t('portal.done.declinedTitle')} headingRef={headingRef}>
        <p>{t('portal.done.declinedLead', { company: companyName })}</p>
      </MessageCard>
    );
  }
  return (
    <MessageCard title={t('portal.done.signedTitle')} headingRef={headingRef}>
      <p>{t(last ? 'portal.done.signedLast' : 'portal.done.signedLead')}</p>
      <p>{t('portal.done.download', { days: sealedDownloadDays })}</p>
    </MessageCard>
  );
}

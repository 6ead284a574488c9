import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../src-shared/documents/types';
import type { FieldLayout } from '../../../src-shared/fields/layout';
import { signerRefs } from '../../../src-shared/fields/signers';
import type { SigningOrder } from '../../../src-shared/signing/order';
import { codeTargets, type Delivery, type Reachable } from './delivery-plan';
import { useCodeTargetText } from './IdentityCodeTarget';
import { fieldCounts } from './wizard-logic';

interface StepReviewProps {
  doc: DocumentDetail;
  pageCount: number;
  layout: FieldLayout;
  order: SigningOrder;
  delivery: Delivery;
  /** Each counterparty's addresses, by contact id: where an in-person signer's identity code goes. */
  contacts: Record<string, Reachable>;
}

/** Step 5: everything that is about to go out, read back before "Send". */
export function StepReview({ doc, pageCount, layout, order, delivery, contacts }: StepReviewProps) {
  const { t } = useTranslation();
  const targetText = useCodeTargetText();
  const codeCell = (s: DocumentDetail['signers'][number]) => {
    if ((delivery.channels[String(s.id)] ?? 'inPerson') !== 'inPerson') return '—';
    const targets = codeTargets(s.contactId ? contacts[s.contactId] : undefined);
    return targets.length ? targetText(targets) : t('wizard.review.noCode');
  };
  const refs = signerRefs(doc.signers);
  const counts = fieldCounts(layout);
  return (
    <div className="wizard-step-body">
      <dl className="wizard-review">
        <dt>{t('wizard.review.title')}</dt>
        <dd>{doc.title}</dd>
        <dt>{t('wizard.review.file')}</dt>
        <dd>{t('wizard.review.fileValue', { name: doc.originalName, count: pageCount })}</dd>
        <dt>{t('wizard.review.order')}</dt>
        <dd>{order === 'companyFirst' ? t('wizard.signers.companyFirst') : t('wizard.signers.parallel')}</dd>
        <dt>{t('wizard.review.expiry')}</dt>
        <dd>{delivery.expiresOn}</dd>
        <dt>{t('wizard.review.reminders')}</dt>
        <dd>{delivery.reminderDays ? t('wizard.delivery.everyDays', { count: delivery.reminderDays }) : t('wizard.delivery.noReminders')}</dd>
        <dt>{t('wizard.review.language')}</dt>
        <dd>{delivery.language === 'pl' ? 'Polski' : 'English'}</dd>
        <dt>{t('wizard.review.message')}</dt>
        <dd>{delivery.message.trim() || t('wizard.review.noMessage')}</dd>
      </dl>
      <table className="data-table">
        <caption>{t('wizard.review.signers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wizard.review.signer')}</th>
            <th scope="col">{t('wizard.review.side')}</th>
            <th scope="col">{t('wizard.review.channel')}</th>
            <th scope="col">{t('wizard.review.fields')}</th>
            <th scope="col">{t('wizard.review.code')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.signers.map((s, i) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{t(`wizard.side.${s.side}`)}</td>
              <td>{t(`wizard.channel.${delivery.channels[String(s.id)] ?? 'inPerson'}`)}</td>
              <td>{counts[refs[i]!] ?? 0}</td>
              <td>{codeCell(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

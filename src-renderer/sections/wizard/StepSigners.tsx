import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/company/schema';
import type { Contact } from '../../../src-shared/contacts/schema';
import type { SigningOrder } from '../../../src-shared/signing/order';
import { api } from '../../api';
import { ContactQuickPick } from '../../components/ContactQuickPick';
import { ErrorNotice } from '../../components/ErrorNotice';
import { contactDisplayName } from '../contacts/format';
import { StepProblem } from './StepProblem';
import { InlineContactForm } from './InlineContactForm';

export interface Counterparty {
  id: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export const counterpartyOf = (c: Contact): Counterparty => ({ id: c.id, name: contactDisplayName(c), email: c.email, phone: c.phone });

interface StepSignersProps {
  companyIds: string[];
  counterparties: Counterparty[];
  order: SigningOrder;
  problem?: string | undefined;
  onCompany(ids: string[]): void;
  onCounterparties(list: Counterparty[]): void;
  onOrder(order: SigningOrder): void;
}

/** Step 2: who signs for the company (employees with the right to sign), who for the other side, and in what order. */
export function StepSigners({ companyIds, counterparties, order, problem, onCompany, onCounterparties, onOrder }: StepSignersProps) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    api.call('users.list', {}).then(setUsers, setError);
  }, []);

  const add = (c: Counterparty) => {
    if (!counterparties.some((x) => x.id === c.id)) onCounterparties([...counterparties, c]);
  };

  return (
    <div className="wizard-step-body">
      <ErrorNotice error={error} />
      <StepProblem text={problem} />
      <fieldset>
        <legend>{t('wizard.signers.company')}</legend>
        {(users ?? [])
          .filter((u) => u.isSigner)
          .map((u) => (
            <label key={u.id} className="wizard-check">
              <input
                type="checkbox"
                checked={companyIds.includes(u.id)}
                onChange={(e) => onCompany(e.target.checked ? [...companyIds, u.id] : companyIds.filter((id) => id !== u.id))}
              />{' '}
              {u.name}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>{t('wizard.signers.counterparty')}</legend>
        <ul className="wizard-chosen">
          {counterparties.map((c) => (
            <li key={c.id}>
              {c.name}{' '}
              <button type="button" className="button button-small" onClick={() => onCounterparties(counterparties.filter((x) => x.id !== c.id))} aria-label={t('wizard.signers.remove', { name: c.name })}>
                {t('wizard.signers.removeShort')}
              </button>
            </li>
          ))}
        </ul>
        <ContactQuickPick label={t('wizard.signers.find')} onPick={(c) => add(counterpartyOf(c))} />
        {creating ? (
          <InlineContactForm
            onCreated={(c) => {
              add(counterpartyOf(c));
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('wizard.signers.createContact')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('wizard.signers.order')}</legend>
        <label className="wizard-check">
          <input type="radio" name="wizard-order" checked={order === 'companyFirst'} onChange={() => onOrder('companyFirst')} /> {t('wizard.signers.companyFirst')}
        </label>
        <label className="wizard-check">
          <input type="radio" name="wizard-order" checked={order === 'parallel'} onChange={() => onOrder('parallel')} /> {t('wizard.signers.parallel')}
        </label>
      </fieldset>
    </div>
  );
}

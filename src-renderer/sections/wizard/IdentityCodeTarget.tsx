import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../src-shared/contacts/phone';
import type { Contact } from '../../../src-shared/contacts/schema';
import { useAppStore } from '../../state/app-store';
import { AddContactAddress, type AddressField } from './AddContactAddress';
import { codeTargets, type CodeTarget, type Reachable } from './delivery-plan';

/** "by e-mail to …" / "by SMS to …", joined as "… or …" in the UI's language. */
export function useCodeTargetText(): (targets: readonly CodeTarget[]) => string {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'disjunction' });
  return (targets) => list.format(targets.map((c) => t(`wizard.delivery.codeBy_${c.channel}`, { to: c.channel === 'sms' ? formatPhone(c.to) : c.to })));
}

interface IdentityCodeTargetProps {
  contactId: string;
  signerName: string;
  contact: Reachable | undefined;
  /** After an address was added to the contact: the step reloads what it knows of the signers' contacts. */
  onContactChanged(contact: Contact): void;
}

/**
 * For a counterparty who signs in person: where their one-time identity code can go (their own e-mail or phone; they
 * pick one at the computer), and the address the contact lacks, to add here.
 */
export function IdentityCodeTarget({ contactId, signerName, contact, onContactChanged }: IdentityCodeTargetProps) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [adding, setAdding] = useState<AddressField | null>(null);
  const targets = codeTargets(contact);
  const text = useCodeTargetText();
  const missing = (['email', 'phone'] as const).filter((f) => !contact?.[f]);

  return (
    <div className="wizard-code-target">
      {targets.length ? (
        <p>{t('wizard.delivery.codeTo', { targets: text(targets) })}</p>
      ) : (
        <p className="field-error">{t('wizard.delivery.noCodeTarget', { name: signerName })}</p>
      )}
      {adding ? (
        <AddContactAddress
          contactId={contactId}
          signerName={signerName}
          field={adding}
          onCancel={() => setAdding(null)}
          onSaved={(c) => {
            announce(t(`wizard.delivery.addressSaved_${adding}`, { name: signerName }), 'info');
            setAdding(null);
            onContactChanged(c);
          }}
        />
      ) : (
        missing.map((f) => (
          <button key={f} type="button" className="button button-small" onClick={() => setAdding(f)}>
            {t(`wizard.delivery.add_${f}`)}
          </button>
        ))
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { DocumentSigner } from '../../../src-shared/documents/types';
import type { Contact } from '../../../src-shared/contacts/schema';
import { SelectField, TextAreaField } from '../../components/Field';
import type { Delivery, Reachable } from './delivery-plan';
import { useLoaded } from '../../state/use-loaded';
import { IdentityCodeTarget } from './IdentityCodeTarget';
import { channelOptions } from './wizard-logic';

interface StepDeliveryProps {
  signers: readonly DocumentSigner[];
  /** Each counterparty's addresses, by contact id. */
  contacts: Record<string, Reachable>;
  delivery: Delivery;
  expiryError?: string | undefined;
  onChange(patch: Partial<Delivery>): void;
  /** An address was added to a signer's contact here. */
  onContactChanged(contact: Contact): void;
}

const reminderChoices = [0, 1, 2, 3, 5, 7] as const;

const loadServer = () => api.call('companyServer.get', {});

/**
 * Step 4: how each signer is reached, the message's language and text, the deadline and reminders. Without a company
 * server linked a counterparty can only sign in person here: e-mail and SMS are shown, disabled, with the reason;
 * where their identity code will go is shown, and an address their contact lacks can be added. With one, a
 * counterparty with an address may be sent a link by e-mail or SMS.
 */
export function StepDelivery({ signers, contacts, delivery, expiryError, onChange, onContactChanged }: StepDeliveryProps) {
  const { t } = useTranslation();
  // A Draft may have saved an interval the list does not offer (set outside the wizard): it stays choosable.
  const reminders = [...new Set([...reminderChoices, delivery.reminderDays])].sort((a, b) => a - b);
  // Until the answer comes (or when it cannot be read) the choices are those without a server, which send accepts.
  const serverLinked = useLoaded(loadServer).value?.linked ?? false;
  return (
    <div className="wizard-step-body">
      <p className="notice">{t(serverLinked ? 'wizard.delivery.serverLinked' : 'wizard.delivery.noServer')}</p>
      {signers.map((s) => (
        <fieldset key={s.id}>
          <legend>{t('wizard.delivery.channelFor', { name: s.name })}</legend>
          {channelOptions(s, s.contactId ? contacts[s.contactId] : undefined, serverLinked).map((o) => (
            <label key={o.channel} className="wizard-check">
              <input
                type="radio"
                name={`channel-${s.id}`}
                checked={delivery.channels[String(s.id)] === o.channel}
                disabled={Boolean(o.unavailable)}
                onChange={() => onChange({ channels: { ...delivery.channels, [String(s.id)]: o.channel } })}
              />{' '}
              {t(`wizard.channel.${o.channel}`)}
              {o.unavailable ? <span className="muted"> — {t(o.unavailable)}</span> : null}
            </label>
          ))}
          {s.side === 'counterparty' && s.contactId && delivery.channels[String(s.id)] === 'inPerson' ? (
            <IdentityCodeTarget contactId={s.contactId} signerName={s.name} contact={contacts[s.contactId]} onContactChanged={onContactChanged} />
          ) : null}
        </fieldset>
      ))}
      <SelectField
        label={t('wizard.delivery.language')}
        value={delivery.language}
        onChange={(language) => onChange({ language })}
        options={[
          { value: 'pl', label: 'Polski' },
          { value: 'en', label: 'English' },
        ]}
      />
      <TextAreaField label={t('wizard.delivery.message')} value={delivery.message} onChange={(message) => onChange({ message })} maxLength={1000} rows={3} hint={t('wizard.delivery.messageHint', { count: 1000 - delivery.message.length })} />
      <DateField label={t('wizard.delivery.expiry')} value={delivery.expiresOn} error={expiryError} onChange={(expiresOn) => onChange({ expiresOn })} />
      <SelectField
        label={t('wizard.delivery.reminders')}
        value={String(delivery.reminderDays)}
        onChange={(v) => onChange({ reminderDays: Number(v) })}
        options={reminders.map((n) => ({ value: String(n), label: n === 0 ? t('wizard.delivery.noReminders') : t('wizard.delivery.everyDays', { count: n }) }))}
      />
    </div>
  );
}

function DateField({ label, value, error, onChange }: { label: string; value: string; error?: string | undefined; onChange(v: string): void }) {
  return (
    <div className="field">
      <label htmlFor="wizard-expiry">{label}</label>
      <input id="wizard-expiry" type="date" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'wizard-expiry-error' : undefined} />
      {error ? (
        <p id="wizard-expiry-error" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

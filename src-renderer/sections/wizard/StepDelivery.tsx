import { useTranslation } from 'react-i18next';
import type { DocumentSigner } from '../../../src-shared/documents/types';
import { SelectField, TextAreaField } from '../../components/Field';
import { channelOptions, type Channel } from './wizard-logic';

export interface Delivery {
  channels: Record<string, Channel>;
  language: 'pl' | 'en';
  message: string;
  expiresOn: string;
  reminderDays: number;
}

interface StepDeliveryProps {
  signers: readonly DocumentSigner[];
  contacts: Record<string, { email?: string | undefined; phone?: string | undefined }>;
  delivery: Delivery;
  expiryError?: string | undefined;
  onChange(patch: Partial<Delivery>): void;
}

const reminderChoices = [0, 1, 2, 3, 5, 7] as const;

/**
 * Step 4: how each signer is reached, the message's language and text, the deadline and reminders. Without a company
 * server a counterparty can only sign in person here: e-mail and SMS are shown, disabled, with the reason.
 */
export function StepDelivery({ signers, contacts, delivery, expiryError, onChange }: StepDeliveryProps) {
  const { t } = useTranslation();
  return (
    <div className="wizard-step-body">
      <p className="notice">{t('wizard.delivery.noServer')}</p>
      {signers.map((s) => (
        <fieldset key={s.id}>
          <legend>{t('wizard.delivery.channelFor', { name: s.name })}</legend>
          {channelOptions(s, s.contactId ? contacts[s.contactId] : undefined).map((o) => (
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
        options={reminderChoices.map((n) => ({ value: String(n), label: n === 0 ? t('wizard.delivery.noReminders') : t('wizard.delivery.everyDays', { count: n }) }))}
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

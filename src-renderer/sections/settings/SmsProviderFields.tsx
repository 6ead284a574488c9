import { useTranslation } from 'react-i18next';
import { smsapiBases, type SmsSecretName, type SmsSettings } from '../../../src-shared/delivery/sms-settings';
import { SelectField, TextField } from '../../components/Field';
import { SecretField } from './SecretField';
import type { SmsDraft } from './sms-draft';

interface FieldsProps {
  draft: SmsDraft;
  settings: SmsSettings;
  errors: Record<string, string>;
  onChange(draft: SmsDraft): void;
}

/** The chosen provider's own fields. */
export function SmsProviderFields({ draft, settings, errors, onChange }: FieldsProps) {
  const { t } = useTranslation();
  // Under a policy that fixes the provider only its secrets are this laptop's to set.
  const readOnly = settings.locked;
  const set = <K extends keyof SmsDraft>(key: K, value: SmsDraft[K]) => onChange({ ...draft, [key]: value });
  const secret = (name: SmsSecretName, label: string, optionalHint?: string) => (
    <SecretField
      label={label}
      stored={settings.secrets[name]}
      value={draft.secrets[name]}
      onChange={(value) => set('secrets', { ...draft.secrets, [name]: value })}
      remove={draft.remove[name]}
      onRemoveChange={(remove) => set('remove', { ...draft.remove, [name]: remove })}
      error={errors[name]}
      {...(optionalHint ? { optionalHint } : {})}
    />
  );

  switch (draft.provider) {
    case 'none':
      return <p className="muted">{t('smsUi.noneLead')}</p>;
    case 'smsapi': {
      // An address set outside the form (a proxy, a test) stays choosable rather than silently replaced.
      const bases: string[] = smsapiBases.includes(draft.smsapiBase as (typeof smsapiBases)[number]) ? [...smsapiBases] : [...smsapiBases, draft.smsapiBase];
      return (
        <>
          <SelectField
            readOnly={readOnly}
            label={t('smsUi.smsapiBase')}
            value={draft.smsapiBase}
            onChange={(value) => set('smsapiBase', value)}
            options={bases.map((value) => ({ value, label: value === smsapiBases[0] ? t('smsUi.smsapiPl') : value === smsapiBases[1] ? t('smsUi.smsapiCom') : value }))}
            error={errors.apiBase}
          />
          {secret('smsapiToken', t('smsUi.smsapiToken'))}
          <TextField readOnly={readOnly} label={t('smsUi.sender')} value={draft.sender} onChange={(value) => set('sender', value)} maxLength={11} hint={t('smsUi.senderHint')} error={errors.sender} />
        </>
      );
    }
    case 'twilio':
      return (
        <>
          <TextField readOnly={readOnly} label={t('smsUi.accountSid')} value={draft.accountSid} onChange={(value) => set('accountSid', value)} maxLength={34} placeholder="AC…" error={errors.accountSid} />
          {secret('twilioAuthToken', t('smsUi.authToken'))}
          <div className="field-row">
            <TextField readOnly={readOnly} label={t('smsUi.from')} value={draft.from} onChange={(value) => set('from', value)} maxLength={20} hint={t('smsUi.fromHint')} error={errors.from} />
            <TextField
              readOnly={readOnly}
              label={t('smsUi.messagingServiceSid')}
              value={draft.messagingServiceSid}
              onChange={(value) => set('messagingServiceSid', value)}
              maxLength={34}
              placeholder="MG…"
              hint={t('smsUi.messagingServiceHint')}
              error={errors.messagingServiceSid}
            />
          </div>
        </>
      );
    case 'webhook':
      return (
        <>
          <TextField readOnly={readOnly} label={t('smsUi.webhookUrl')} value={draft.url} onChange={(value) => set('url', value)} maxLength={500} placeholder="https://" hint={t('smsUi.webhookHint')} error={errors.url} />
          {secret('webhookToken', t('smsUi.webhookToken'), t('smsUi.webhookTokenNone'))}
        </>
      );
  }
}

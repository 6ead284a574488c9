import type { SmsProviderKind, SmsSecretName, SmsSettings, SmsSettingsInput } from '../../../src-shared/delivery/sms-settings';

/** The SMS form as typed: every provider's fields at once, so switching the provider back and forth loses nothing. */
export interface SmsDraft {
  provider: SmsProviderKind;
  smsapiBase: string;
  sender: string;
  accountSid: string;
  from: string;
  messagingServiceSid: string;
  url: string;
  /** New secrets as typed; empty keeps the stored one. */
  secrets: Record<SmsSecretName, string>;
  /** Ticked: remove the stored one. */
  remove: Record<SmsSecretName, boolean>;
}

const noSecrets = { smsapiToken: '', twilioAuthToken: '', webhookToken: '' };
const noRemovals = { smsapiToken: false, twilioAuthToken: false, webhookToken: false };

export function draftOf(settings: SmsSettings): SmsDraft {
  return {
    provider: settings.provider,
    smsapiBase: settings.smsapi.apiBase,
    sender: settings.smsapi.sender ?? '',
    accountSid: settings.twilio.accountSid ?? '',
    from: settings.twilio.from ?? '',
    messagingServiceSid: settings.twilio.messagingServiceSid ?? '',
    url: settings.webhook.url ?? '',
    secrets: { ...noSecrets },
    remove: { ...noRemovals },
  };
}

export function inputOf(draft: SmsDraft, settings: SmsSettings): SmsSettingsInput {
  const secrets: NonNullable<SmsSettingsInput['secrets']> = {};
  for (const name of Object.keys(noSecrets) as SmsSecretName[]) {
    if (draft.remove[name]) secrets[name] = null;
    else if (draft.secrets[name].trim()) secrets[name] = draft.secrets[name];
  }
  return {
    provider: draft.provider,
    smsapi: { apiBase: draft.smsapiBase, sender: draft.sender },
    // Not in the form: Twilio has one API address, kept as stored.
    twilio: { apiBase: settings.twilio.apiBase, accountSid: draft.accountSid, from: draft.from, messagingServiceSid: draft.messagingServiceSid },
    webhook: { url: draft.url },
    secrets,
  };
}

/** The fields the form shows for a provider, by the names its validation issues end in. */
export function fieldsOf(provider: SmsProviderKind): readonly string[] {
  switch (provider) {
    case 'none':
      return ['provider'];
    case 'smsapi':
      return ['provider', 'apiBase', 'sender', 'smsapiToken'];
    case 'twilio':
      return ['provider', 'accountSid', 'twilioAuthToken', 'from', 'messagingServiceSid'];
    case 'webhook':
      return ['provider', 'url', 'webhookToken'];
  }
}

import type { SmsConfig, SmsSecretName } from '../../../src-shared/delivery/sms-settings';
import type { SmsProvider } from './sms-provider';
import { SmsapiProvider } from './smsapi';
import { TwilioProvider } from './twilio';
import { WebhookProvider } from './webhook';

export type SmsSecrets = Partial<Record<SmsSecretName, string>>;

/** The secret a provider cannot work without (the webhook's token is optional). */
export function requiredSecret(provider: SmsConfig['provider']): SmsSecretName | null {
  return provider === 'smsapi' ? 'smsapiToken' : provider === 'twilio' ? 'twilioAuthToken' : null;
}

/** The configured provider, or null when SMS is switched off. The caller checked that the required secret is there. */
export function createSmsProvider(config: SmsConfig, secrets: SmsSecrets, timeoutMs?: number): SmsProvider | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'smsapi':
      return new SmsapiProvider({ apiBase: config.smsapi.apiBase, token: secrets.smsapiToken ?? '', sender: config.smsapi.sender, timeoutMs });
    case 'twilio':
      return new TwilioProvider({
        apiBase: config.twilio.apiBase,
        accountSid: config.twilio.accountSid ?? '',
        authToken: secrets.twilioAuthToken ?? '',
        from: config.twilio.from,
        messagingServiceSid: config.twilio.messagingServiceSid,
        timeoutMs,
      });
    case 'webhook':
      return new WebhookProvider({ url: config.webhook.url ?? '', token: secrets.webhookToken, timeoutMs });
  }
}

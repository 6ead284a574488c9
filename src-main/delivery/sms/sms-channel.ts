import { AppError } from '../../../src-shared/contract/errors';
import { smsRefusals, type SmsConfig } from '../../../src-shared/delivery/sms-settings';
import type { ServiceContext } from '../../services/context';
import { DeliveryError, type DeliveryChannel } from '../channel';
import { createSmsProvider, requiredSecret, type SmsSecrets } from './create-provider';
import type { SmsProvider, SmsRequest } from './sms-provider';
import { readSmsSecrets, readStoredSms } from './sms-store';

/**
 * Where the SMS channel finds the provider's settings and secrets at each attempt: on the desktop the settings table
 * and the keychain, on the company server its server.json and environment. May throw the keychain's own error.
 */
export interface SmsSource {
  read(): Promise<{ config: SmsConfig; secrets: SmsSecrets }>;
}

/** The desktop's: Settings → SMS, the secrets read from the keychain at each call, so a token fixed there applies to what is still queued. */
export function storedSmsSource(ctx: ServiceContext): SmsSource {
  return {
    async read() {
      const stored = await readStoredSms(ctx);
      return { config: stored.config, secrets: stored.config.provider === 'none' ? {} : await readSmsSecrets(ctx, stored) };
    },
  };
}

/** The provider as `source` configures it now, or an AppError saying why there is none. */
export async function configuredSmsProvider(source: SmsSource, timeoutMs?: number): Promise<SmsProvider> {
  const { config, secrets } = await source.read();
  if (config.provider === 'none') throw new AppError('VALIDATION', smsRefusals.notConfigured);
  const needed = requiredSecret(config.provider);
  if (needed && !secrets[needed]) throw new AppError('VALIDATION', smsRefusals.secretMissing);
  const provider = createSmsProvider(config, secrets, timeoutMs);
  if (!provider) throw new AppError('VALIDATION', smsRefusals.notConfigured);
  return provider;
}

/**
 * The outbox's SMS channel. Missing settings, a missing token or a keychain that cannot be read are temporary: an
 * administrator can fix each without touching the message, and the queued SMS then goes out.
 */
export function createSmsChannel(source: SmsSource): DeliveryChannel {
  return {
    kind: 'sms',
    // `hooks` typed here: the outbox's SendHooks has this shape, and this file need not depend on where it is declared.
    async send(message, resolveAttachment, hooks?: SmsRequest['hooks']) {
      let provider: SmsProvider;
      try {
        provider = await configuredSmsProvider(source);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new DeliveryError(false, error.details?.reason ? String(error.details.reason) : error.messageKey);
      }
      return provider.send(message, resolveAttachment, hooks);
    },
  };
}

import { AppError } from '../../../src-shared/contract/errors';
import { smsRefusals } from '../../../src-shared/delivery/sms-settings';
import type { ServiceContext } from '../../services/context';
import { DeliveryError, type DeliveryChannel } from '../channel';
import { createSmsProvider, requiredSecret } from './create-provider';
import type { SmsProvider, SmsRequest } from './sms-provider';
import { readSmsSecrets, readStoredSms } from './sms-store';

/**
 * The provider as configured now, or an AppError saying why there is none. The secrets are read at each call, so a
 * token fixed in Settings applies to what is still queued.
 */
export async function configuredSmsProvider(ctx: ServiceContext, timeoutMs?: number): Promise<SmsProvider> {
  const stored = await readStoredSms(ctx);
  if (stored.config.provider === 'none') throw new AppError('VALIDATION', smsRefusals.notConfigured);
  const secrets = await readSmsSecrets(ctx, stored);
  const needed = requiredSecret(stored.config.provider);
  if (needed && !secrets[needed]) throw new AppError('VALIDATION', smsRefusals.secretMissing);
  const provider = createSmsProvider(stored.config, secrets, timeoutMs);
  if (!provider) throw new AppError('VALIDATION', smsRefusals.notConfigured);
  return provider;
}

/**
 * The outbox's SMS channel. Missing settings, a missing token or a keychain that cannot be read are temporary: an
 * administrator can fix each without touching the message, and the queued SMS then goes out.
 */
export function createSmsChannel(ctx: ServiceContext): DeliveryChannel {
  return {
    kind: 'sms',
    // `hooks` typed here: the outbox's SendHooks has this shape, and this file need not depend on where it is declared.
    async send(message, resolveAttachment, hooks?: SmsRequest['hooks']) {
      let provider: SmsProvider;
      try {
        provider = await configuredSmsProvider(ctx);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new DeliveryError(false, error.details?.reason ? String(error.details.reason) : error.messageKey);
      }
      return provider.send(message, resolveAttachment, hooks);
    },
  };
}

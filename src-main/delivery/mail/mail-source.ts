import type { MailConfig } from '../../../src-shared/delivery/mail-settings';
import type { ServiceContext } from '../../services/context';
import { DeliveryError } from '../channel';
import { keychainReason, readMailPassword, readStoredMail } from './mail-settings';

/** The SMTP settings as they are for one attempt, the password included. */
export interface MailAccess {
  config: MailConfig;
  password: string | null;
}

/**
 * Where the SMTP channel finds its settings at each attempt: on the desktop the settings table and the keychain, on
 * the company server its server.json and environment. Throws a DeliveryError (temporary: the message waits until the
 * settings are fixed) when there are none or the password cannot be read.
 */
export interface MailSource {
  read(): Promise<MailAccess>;
}

/** The desktop's: Settings → E-mail, the password from the keychain (or safeStorage), read anew at each attempt. */
export function storedMailSource(ctx: ServiceContext): MailSource {
  return {
    async read() {
      const stored = await readStoredMail(ctx);
      if (!stored) throw new DeliveryError(false, 'SMTP is not set up (Settings → E-mail)');
      if (!stored.config.user) return { config: stored.config, password: null };
      try {
        return { config: stored.config, password: await readMailPassword(ctx, stored) };
      } catch (error) {
        throw new DeliveryError(false, `the SMTP password cannot be read from the keychain: ${keychainReason(error)}`);
      }
    },
  };
}

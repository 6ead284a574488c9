import { z } from 'zod';
import { uiLanguages } from '../settings/schema';
import { optionalText } from '../text/schema-text';

/**
 * How Signet reaches the company's SMTP server. `starttls` upgrades a plain connection (port 587) and refuses to go on
 * without TLS; `tls` is TLS from the first byte (port 465); `none` is for a relay on this computer or a trusted LAN.
 */
export const smtpSecurityModes = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurityModes)[number];

export const defaultAttachLimitMb = 10;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'validation.email' }).max(254, { error: 'validation.tooLong' }));

/** One or more PEM certificates, as exported by a company CA (a paste accident or a private key is refused). */
const pemCertificates = /^(-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/;

/** What is kept in the settings table: everything but the password, which only the keychain holds. */
export const mailConfigSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(253, { error: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'validation.host' }),
  port: z.int({ error: 'validation.port' }).min(1, { error: 'validation.port' }).max(65535, { error: 'validation.port' }),
  security: z.enum(smtpSecurityModes, { error: 'validation.choice' }),
  user: optionalText(254),
  fromAddress: email,
  fromName: optionalText(100),
  /** A signed copy larger than this goes as a link instead of an attachment (many servers refuse more than 10–25 MB). */
  attachLimitMb: z.int({ error: 'validation.attachLimit' }).min(1, { error: 'validation.attachLimit' }).max(50, { error: 'validation.attachLimit' }).default(defaultAttachLimitMb),
  /**
   * The company's own CA, for an SMTP server whose certificate it issued: then only this CA is trusted for the
   * connection (in place of the public roots). Absent: the system's public roots, as for any mail provider.
   */
  trustedCaPem: optionalText(65_536).refine((v) => v === undefined || pemCertificates.test(v), { error: 'validation.certificatePem' }),
});
export type MailConfig = z.output<typeof mailConfigSchema>;

export const mailSettingsInput = mailConfigSchema.extend({
  /** A new password, `null` to remove the stored one, absent to keep it. */
  password: z
    .string()
    .min(1, { error: 'validation.required' })
    .max(512, { error: 'validation.tooLong' })
    // eslint-disable-next-line no-control-regex -- a password with control characters is a paste accident
    .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), { error: 'validation.invalid' })
    .nullable()
    .optional(),
});
export type MailSettingsInput = z.input<typeof mailSettingsInput>;

/** What Settings shows: the configuration (null until saved once), and only whether a password is stored. */
export interface MailSettings {
  config: MailConfig | null;
  passwordSet: boolean;
  /** The keychain's own words when it could not be asked (`passwordSet` is then unknown and shown as false). */
  keychainProblem?: string;
  /** The server is the managed policy's (issue 10): shown read-only; only the password is this laptop's to set. */
  locked?: boolean;
}

/** `language`: the one the administrator reads the app in, for the test message's text. */
export const mailTestInput = z.object({ to: email, language: z.enum(uiLanguages, { error: 'validation.language' }) });

import { defaultAttachLimitMb, type MailSettings, type MailSettingsInput, type SmtpSecurity } from '../../../src-shared/delivery/mail-settings';

/** The SMTP form as typed: numbers stay text until sent, so a half-typed port is the server's to refuse by name. */
export interface MailDraft {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  /** Only a new password; the stored one never comes back to the window. */
  password: string;
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  attachLimitMb: string;
  trustedCaPem: string;
}

export const mailFields = ['host', 'port', 'security', 'user', 'password', 'fromAddress', 'fromName', 'attachLimitMb', 'trustedCaPem'] as const;

/** The port each mode is usually found on, offered when the mode changes and the port was still the usual one. */
export const usualPort: Record<SmtpSecurity, string> = { starttls: '587', tls: '465', none: '25' };

export function mailDraftOf(settings: MailSettings): MailDraft {
  const c = settings.config;
  return {
    host: c?.host ?? '',
    port: c ? String(c.port) : usualPort.starttls,
    security: c?.security ?? 'starttls',
    user: c?.user ?? '',
    password: '',
    removePassword: false,
    fromAddress: c?.fromAddress ?? '',
    fromName: c?.fromName ?? '',
    attachLimitMb: String(c?.attachLimitMb ?? defaultAttachLimitMb),
    trustedCaPem: c?.trustedCaPem ?? '',
  };
}

export function mailInputOf(draft: MailDraft): MailSettingsInput {
  const number = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : (text as unknown as number));
  return {
    host: draft.host,
    port: number(draft.port),
    security: draft.security,
    user: draft.user,
    fromAddress: draft.fromAddress,
    fromName: draft.fromName,
    attachLimitMb: number(draft.attachLimitMb),
    trustedCaPem: draft.trustedCaPem,
    ...(draft.password ? { password: draft.password } : draft.removePassword ? { password: null } : {}),
  };
}

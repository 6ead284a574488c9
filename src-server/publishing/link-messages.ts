import type { Kysely } from 'kysely';
import type { RemoteChannel } from '../../src-shared/company-server/publish';
import { translator } from '../../src-shared/i18n/translate';
import type { UiLanguage } from '../../src-shared/settings/schema';
import { signingLinkMail } from '../../src-main/delivery/mail/templates/messages';
import { ApiError } from '../http/api-error';
import type { ServerDatabase } from '../store/schema';

/** A signing link's message as the server's outbox takes it (the shape of the outbox's NewMessage). */
export interface LinkMessage {
  channel: RemoteChannel;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  purpose: 'signingLink';
  documentId: string;
  /** One message per link, whatever retries the publish or the release goes through. */
  idempotencyKey: string;
}

/** Writes a message to the server's outbox in the caller's transaction, so links and their messages commit together. */
export type LinkOutbox = (trx: Kysely<ServerDatabase>, message: LinkMessage) => Promise<void>;

export interface LinkMessageFacts {
  linkId: string;
  documentId: string;
  channel: RemoteChannel;
  to: string;
  language: UiLanguage;
  company: string;
  signerName: string;
  title: string;
  number: string;
  url: string;
  expiresAt: string;
  /** The preparer's personal message, and who sent the document (the company when the desktop did not say). */
  message?: string | null | undefined;
  preparer?: string | null | undefined;
}

/**
 * An SMS carries the personal message only when the whole text with it stays within two concatenated SMS of plain
 * text (306 characters); a longer one goes without it, since the link is what the SMS is for and a text cut into
 * many parts (fewer characters each with Polish letters) costs more and arrives out of order on some phones.
 */
export const smsWithMessageMaxChars = 306;

/** The translated e-mail (the desktop's own signing-link template) or a short SMS with the link. */
export function linkMessage(f: LinkMessageFacts): LinkMessage {
  const expires = new Intl.DateTimeFormat(f.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(f.expiresAt));
  const common = { channel: f.channel, to: f.to, purpose: 'signingLink' as const, documentId: f.documentId, idempotencyKey: `signing-link:${f.linkId}` };
  const message = f.message?.trim() ? { preparer: f.preparer?.trim() || f.company, text: f.message.trim() } : undefined;
  if (f.channel === 'sms') {
    const t = translator(f.language);
    const text = t('publishing.linkSms', { company: f.company, title: f.title, link: f.url, date: expires });
    const withMessage = message ? `${text} ${t('publishing.linkSmsMessage', { preparer: message.preparer, message: message.text })}` : text;
    return { ...common, text: withMessage.length <= smsWithMessageMaxChars ? withMessage : text };
  }
  const mail = signingLinkMail(f.language, { company: f.company, signerName: f.signerName, title: f.title, number: f.number, link: f.url, expires, message });
  return { ...common, subject: mail.subject, text: mail.text, html: mail.html };
}

/** A server without an outbox to send through refuses to write links, rather than making links nobody is sent. */
export const noOutbox: LinkOutbox = () => {
  throw new ApiError('UNAVAILABLE', { messageKey: 'companyServer.api.noOutbox' });
};

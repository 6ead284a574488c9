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
}

/** The translated e-mail (the desktop's own signing-link template) or a short SMS with the link. */
export function linkMessage(f: LinkMessageFacts): LinkMessage {
  const expires = new Intl.DateTimeFormat(f.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(f.expiresAt));
  const common = { channel: f.channel, to: f.to, purpose: 'signingLink' as const, documentId: f.documentId, idempotencyKey: `signing-link:${f.linkId}` };
  if (f.channel === 'sms') return { ...common, text: translator(f.language)('publishing.linkSms', { company: f.company, title: f.title, link: f.url, date: expires }) };
  const mail = signingLinkMail(f.language, { company: f.company, signerName: f.signerName, title: f.title, number: f.number, link: f.url, expires });
  return { ...common, subject: mail.subject, text: mail.text, html: mail.html };
}

/** A server without an outbox to send through refuses to write links, rather than making links nobody is sent. */
export const noOutbox: LinkOutbox = () => {
  throw new ApiError('UNAVAILABLE', { messageKey: 'companyServer.api.noOutbox' });
};

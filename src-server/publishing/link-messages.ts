import type { Kysely } from 'kysely';
import type { RemoteChannel } from '../../src-shared/company-server/publish';
import { translator } from '../../src-shared/i18n/translate';
import type { UiLanguage } from '../../src-shared/settings/schema';
import { signingLinkMail } from '../../src-main/delivery/mail/templates/messages';
import { ApiError } from '../http/api-error';
import type { ServerDatabase } from '../store/schema';
import { signingLinkUrl } from './link-tokens';

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

/** A document as its links' messages name it: from the publish, or from the store when a held link is released. */
export interface LinkDocument {
  id: string;
  title: string;
  number: string;
  companyName: string;
  expiresAt: string;
  message: string | null | undefined;
  preparerName: string | null | undefined;
}

/** The signer a link is for, and where their channel reaches them. */
export interface LinkSigner {
  name: string;
  channel: RemoteChannel;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  language: UiLanguage;
}

/**
 * Writes a new link's message to the outbox in the caller's transaction, with the token (which only the message
 * carries) in its URL: what publishing does for a link that goes out at once and releasing for one that was held.
 */
export async function sendLinkMessage(trx: Kysely<ServerDatabase>, outbox: LinkOutbox, link: { id: string; token: string; publicUrl: string }, doc: LinkDocument, signer: LinkSigner): Promise<void> {
  // Publishing refuses a remote signer without the address their channel needs; none here is a broken store.
  const to = signer.channel === 'sms' ? signer.phone : signer.email;
  if (!to) throw new Error(`signing link ${link.id}: its signer has no ${signer.channel} address`);
  const message = linkMessage({
    linkId: link.id,
    documentId: doc.id,
    channel: signer.channel,
    to,
    language: signer.language,
    company: doc.companyName,
    signerName: signer.name,
    title: doc.title,
    number: doc.number,
    url: signingLinkUrl(link.publicUrl, link.token),
    expiresAt: doc.expiresAt,
    message: doc.message,
    preparer: doc.preparerName,
  });
  await outbox(trx, message);
}

/** A server without an outbox to send through refuses to write links, rather than making links nobody is sent. */
export const noOutbox: LinkOutbox = () => {
  throw new ApiError('UNAVAILABLE', { messageKey: 'companyServer.api.noOutbox' });
};

import type { Kysely } from 'kysely';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import { renderMail } from '../../src-main/delivery/mail/templates/layout';
import type { UiLanguage } from '../../src-shared/settings/schema';
import type { ServerDatabase } from '../store/schema';

/** Writes an invitation to the server's outbox in the caller's transaction, so the code and its e-mail commit together. */
export type AccountOutbox = (trx: Kysely<ServerDatabase>, message: NewMessage & { purpose: 'invitation' }) => Promise<void>;

export interface InvitationFacts {
  to: string;
  language: UiLanguage;
  company: string;
  name: string;
  serverUrl: string;
  code: string;
  link: string;
  expiresAt: string;
}

/** The invitation in the account's language: the link that opens Signet, and the server and code to type if it does not. */
export function invitationMessage(f: InvitationFacts): NewMessage & { purpose: 'invitation' } {
  const expires = new Intl.DateTimeFormat(f.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(f.expiresAt));
  const mail = renderMail(
    f.language,
    'accounts.mail.subject',
    { company: f.company },
    [
      { paragraph: 'accounts.mail.greeting', vars: { name: f.name } },
      { paragraph: 'accounts.mail.body', vars: { company: f.company } },
      { button: 'accounts.mail.action', href: f.link },
      { paragraph: 'accounts.mail.byHand', vars: { server: f.serverUrl } },
      { code: f.code },
      { paragraph: 'accounts.mail.expires', vars: { date: expires } },
    ],
    f.company,
  );
  return { channel: 'email', to: f.to, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'invitation' };
}

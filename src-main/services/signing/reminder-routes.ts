import type { ReminderLeftOutReason } from '../../../src-shared/signing/reminders';
import type { UiLanguage } from '../../../src-shared/settings/schema';
import { reminderMail } from '../../delivery/mail/templates/messages';
import type { NewMessage } from '../../delivery/outbox/enqueue';

/** A signer whose turn it is, with what deciding how to remind them needs. */
export interface RemindableSigner {
  id: number;
  name: string;
  /** How the document went to them (document_signers.channel): 'app', 'inPerson', later 'email' or 'sms'. */
  channel: string | null;
  /** The employee's own address, for a company signer who uses this app. */
  userEmail: string | null;
}

/** How a reminder reaches a signer, or why nothing can. */
export type ReminderRoute = { kind: 'inApp'; channel: 'email'; to: string } | { leftOut: ReminderLeftOutReason };

/**
 * The one place that decides, by the channel each signer was sent the document on, whether and how they are
 * reminded; the signing links by e-mail and SMS that come with the company server (issue 6) are added here.
 */
export function reminderRoute(signer: RemindableSigner): ReminderRoute {
  switch (signer.channel) {
    case 'app':
      // An employee signs in Signet itself: the e-mail only tells them where the document waits.
      return signer.userEmail ? { kind: 'inApp', channel: 'email', to: signer.userEmail } : { leftOut: 'noEmail' };
    case 'inPerson':
      // They sign at this computer with the employee beside them: there is nothing to send them.
      return { leftOut: 'inPerson' };
    default:
      // 'email' or 'sms': a signing link, which needs the company server to open it.
      return { leftOut: 'needsServer' };
  }
}

/** What every reminder of one document says, in the language it goes out in. */
export interface ReminderFacts {
  documentId: string;
  company: string;
  language: UiLanguage;
  title: string;
  number: string;
  preparer: string;
  message?: string | undefined;
  /** Formatted for the language. */
  expires?: string | undefined;
}

/** The message for one signer along their route, without the outbox's bookkeeping (key, purpose). */
export function reminderContent(route: Extract<ReminderRoute, { kind: string }>, signer: RemindableSigner, facts: ReminderFacts): Omit<NewMessage, 'purpose'> {
  switch (route.kind) {
    case 'inApp':
      return {
        channel: route.channel,
        to: route.to,
        documentId: facts.documentId,
        ...reminderMail(facts.language, { ...facts, signerName: signer.name, link: `signet://sign/${facts.documentId}` }),
      };
  }
}

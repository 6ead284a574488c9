import { translator } from '../../../../src-shared/i18n/translate';
import type { UiLanguage } from '../../../../src-shared/settings/schema';
import { renderMail, type Block, type MailContent } from './layout';

/*
 * Every e-mail Signet writes, in Polish and English, from the shared catalogues (src-shared/i18n/locales, `mail.*`).
 * The functions take display values (names, titles, a formatted date) and return the subject and both bodies; the
 * outbox stores exactly that, so what was sent is what the outbox shows and a resend is the same message.
 */

export function testMail(language: UiLanguage, v: { company: string }): MailContent {
  return renderMail(language, 'mail.test.subject', {}, [{ paragraph: 'mail.test.body', vars: v }], v.company);
}

export interface SigningLinkVars {
  company: string;
  signerName: string;
  title: string;
  number: string;
  link: string;
  /** Already formatted for the language; absent when the link does not expire. */
  expires?: string;
  /** The preparer's personal message to the signers, with who wrote it, as the reminder e-mail carries it. */
  message?: { preparer: string; text: string } | undefined;
}

export function signingLinkMail(language: UiLanguage, v: SigningLinkVars): MailContent {
  const blocks: Block[] = [
    { paragraph: 'mail.signingLink.greeting', vars: { name: v.signerName } },
    { paragraph: 'mail.signingLink.body', vars: { company: v.company, title: v.title, number: v.number } },
    ...(v.message ? [{ paragraph: 'mail.reminder.message', vars: { preparer: v.message.preparer, message: v.message.text } }] : []),
    { button: 'mail.signingLink.action', href: v.link },
  ];
  if (v.expires) blocks.push({ paragraph: 'mail.signingLink.expires', vars: { date: v.expires } });
  return renderMail(language, 'mail.signingLink.subject', { company: v.company, title: v.title }, blocks, v.company);
}

export function otpMail(language: UiLanguage, v: { company: string; title: string; code: string; minutes: number }): MailContent {
  return renderMail(
    language,
    'mail.otp.subject',
    { title: v.title },
    [
      { paragraph: 'mail.otp.body', vars: { title: v.title } },
      { code: v.code },
      { paragraph: 'mail.otp.validity', vars: { minutes: String(v.minutes), company: v.company } },
    ],
    v.company,
  );
}

export interface SignedCopyVars {
  company: string;
  title: string;
  number: string;
  /** Set when the file is too large to attach: where to download it, and its size in words ("14.2 MB"). */
  link?: { href: string; size: string };
}

export function signedCopyMail(language: UiLanguage, v: SignedCopyVars): MailContent {
  const blocks: Block[] = [{ paragraph: 'mail.signedCopy.body', vars: { title: v.title, number: v.number } }];
  if (v.link) blocks.push({ paragraph: 'mail.signedCopy.linked', vars: { size: v.link.size } }, { button: 'mail.signedCopy.action', href: v.link.href });
  else blocks.push({ paragraph: 'mail.signedCopy.attached' });
  blocks.push({ paragraph: 'mail.signedCopy.verify' });
  return renderMail(language, 'mail.signedCopy.subject', { title: v.title }, blocks, v.company);
}

/** To the document's owner: a signer declined, in their own words. */
export function declinedMail(language: UiLanguage, v: { company: string; title: string; number: string; signer: string; reason: string }): MailContent {
  return renderMail(
    language,
    'mail.declined.subject',
    { title: v.title },
    [
      { paragraph: 'mail.declined.body', vars: { signer: v.signer, title: v.title, number: v.number } },
      { paragraph: 'mail.declined.reason', vars: { reason: v.reason } },
    ],
    v.company,
  );
}

/** To every signer who had not signed yet: the document was withdrawn, nothing more to do. */
export function cancelledMail(language: UiLanguage, v: { company: string; title: string; number: string }): MailContent {
  return renderMail(language, 'mail.cancelled.subject', { title: v.title }, [{ paragraph: 'mail.cancelled.body', vars: v }], v.company);
}

export interface ReminderVars {
  company: string;
  signerName: string;
  title: string;
  number: string;
  /** Who prepared and sent the document, and their personal message to the signers, if they wrote one. */
  preparer: string;
  message?: string | undefined;
  /** Already formatted for the language; absent when the document does not expire. */
  expires?: string | undefined;
  /** `signet://sign/<id>`: opens the signing screen in the installed app. */
  link: string;
}

/**
 * To an employee whose signature is still due: the document waits for them in Signet. The link is the app's own
 * scheme, which mail clients rarely make clickable and browsers cannot open, so it is written out beside the plain
 * way there ("open Signet > To sign") rather than put behind a button.
 */
export function reminderMail(language: UiLanguage, v: ReminderVars): MailContent {
  const blocks: Block[] = [
    { paragraph: 'mail.reminder.greeting', vars: { name: v.signerName } },
    { paragraph: 'mail.reminder.body', vars: { title: v.title, number: v.number } },
  ];
  if (v.message) blocks.push({ paragraph: 'mail.reminder.message', vars: { preparer: v.preparer, message: v.message } });
  blocks.push({ paragraph: 'mail.reminder.inApp', vars: { section: translator(language)('nav.toSign'), link: v.link } });
  if (v.expires) blocks.push({ paragraph: 'mail.reminder.expires', vars: { date: v.expires } });
  return renderMail(language, 'mail.reminder.subject', { title: v.title }, blocks, v.company);
}

/** To an employee an automation rule notifies: its message (or the standard one) about the document. */
export function automationNoticeMail(language: UiLanguage, v: { company: string; name: string; title: string; number: string; message?: string | undefined }): MailContent {
  const blocks: Block[] = [{ paragraph: 'mail.automationNotice.greeting', vars: { name: v.name } }];
  if (v.message) blocks.push({ paragraph: 'mail.automationNotice.message', vars: { message: v.message } });
  blocks.push({ paragraph: 'mail.automationNotice.body', vars: { title: v.title, number: v.number } });
  return renderMail(language, 'mail.automationNotice.subject', { title: v.title }, blocks, v.company);
}

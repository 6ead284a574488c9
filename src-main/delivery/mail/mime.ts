import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailConfig } from '../../../src-shared/delivery/mail-settings';
import type { OutgoingMessage } from '../channel';

/**
 * The Message-ID a message carries on every attempt: derived from its idempotency key, so a resend after a crash is the
 * same message to every mail client (and to the tests that count what a server received). A key that is not plain
 * atext (RFC 5322) is hashed rather than escaped.
 */
export function messageIdFor(idempotencyKey: string): string {
  const local = /^[A-Za-z0-9._-]{1,128}$/.test(idempotencyKey) ? idempotencyKey : createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${local}@signet.local>`;
}

/** The whole message as it goes over DATA (CRLF line ends), built before connecting so a bad attachment fails early. */
export async function buildMime(config: MailConfig, message: OutgoingMessage, resolveAttachment: (sha256: string) => Promise<Buffer>, date: Date): Promise<Buffer> {
  const attachments = await Promise.all(
    (message.attachments ?? []).map(async (a) => ({ filename: a.filename, contentType: a.contentType, content: await resolveAttachment(a.sha256) })),
  );
  const composer = new MailComposer({
    from: config.fromName ? { name: config.fromName, address: config.fromAddress } : config.fromAddress,
    to: message.to,
    subject: message.subject ?? '',
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    attachments,
    messageId: messageIdFor(message.idempotencyKey),
    date,
    // Signing links and codes are sent by the program, not typed by a person: auto-responders should not answer them.
    headers: { 'Auto-Submitted': 'auto-generated' },
    newline: 'windows',
  });
  return composer.compile().build();
}

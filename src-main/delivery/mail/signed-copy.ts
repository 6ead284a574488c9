import { defaultAttachLimitMb } from '../../../src-shared/delivery/mail-settings';
import type { UiLanguage } from '../../../src-shared/settings/schema';
import type { ServiceContext } from '../../services/context';
import type { NewMessage } from '../outbox/enqueue';
import { readStoredMail } from './mail-settings';
import { signedCopyMail } from './templates/messages';

export interface SignedCopyInput {
  language: UiLanguage;
  to: string;
  documentId: string;
  company: string;
  title: string;
  number: string;
  /** The sealed PDF in the file store. */
  file: { sha256: string; size: number; filename: string };
  /**
   * Where the same file can be downloaded, used instead of the attachment when it is over the limit. Absent until a
   * company server hosts it: the file is attached whatever its size, and a server that refuses it says so in the outbox.
   */
  downloadUrl?: string | undefined;
  idempotencyKey?: string;
}

/**
 * The "signed copy" e-mail, ready for `enqueue`: the sealed PDF attached, or linked when it is larger than the limit
 * set in Settings (a message over the server's size limit is refused whole, and most refuse 10–25 MB).
 */
export async function signedCopyEmail(ctx: Pick<ServiceContext, 'db'>, input: SignedCopyInput): Promise<NewMessage> {
  return signedCopyMessage(input, (await readStoredMail(ctx))?.config.attachLimitMb ?? defaultAttachLimitMb);
}

/**
 * The same e-mail from facts alone, for any outbox: the desktop's with its Settings' limit, the company server's with
 * its server.json's. Without a `downloadUrl` the file is attached whatever the limit.
 */
export function signedCopyMessage(input: SignedCopyInput, attachLimitMb: number): NewMessage {
  const attach = !input.downloadUrl || input.file.size <= attachLimitMb * 1024 * 1024;
  const size = `${(input.file.size / (1024 * 1024)).toLocaleString(input.language, { maximumFractionDigits: 1 })} MB`;
  const content = signedCopyMail(input.language, {
    company: input.company,
    title: input.title,
    number: input.number,
    ...(attach || !input.downloadUrl ? {} : { link: { href: input.downloadUrl, size } }),
  });
  return {
    channel: 'email',
    to: input.to,
    ...content,
    ...(attach ? { attachments: [{ filename: input.file.filename, contentType: 'application/pdf', sha256: input.file.sha256 }] } : {}),
    documentId: input.documentId,
    purpose: 'signedCopy',
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  };
}

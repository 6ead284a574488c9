import type { Kysely } from 'kysely';
import type { SavedSendPlan, SignerChannel } from '../../../src-shared/documents/send-plan';
import type { SigningOrder } from '../../../src-shared/signing/order';
import type { Database } from '../../store/schema';

/**
 * The send plan as stored: on the document (order, language, message, reminders, the Draft's deadline day) and on
 * each signer row (channel). Once sent, the deadline is the one the send set (`expires_at`, the end of a UTC day),
 * not the day a Draft last saved.
 */
export async function readSendPlan(db: Kysely<Database>, documentId: string): Promise<SavedSendPlan> {
  const [row, signers] = await Promise.all([
    db
      .selectFrom('documents')
      .select(['signing_order', 'send_language', 'send_message', 'send_expires_on', 'expires_at', 'reminder_days'])
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('document_signers').select(['id', 'channel']).where('document_id', '=', documentId).where('channel', 'is not', null).execute(),
  ]);
  const expiresOn = row.expires_at ? row.expires_at.slice(0, 10) : row.send_expires_on;
  return {
    ...(row.signing_order ? { order: row.signing_order as SigningOrder } : {}),
    channels: Object.fromEntries(signers.map((s) => [String(s.id), s.channel as SignerChannel])),
    ...(row.send_language === 'pl' || row.send_language === 'en' ? { language: row.send_language } : {}),
    ...(row.send_message ? { message: row.send_message } : {}),
    ...(expiresOn ? { expiresOn } : {}),
    ...(row.reminder_days ? { reminderDays: row.reminder_days } : {}),
  };
}

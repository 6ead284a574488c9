import type { Kysely } from 'kysely';
import { unlockCodes } from '../../src-main/services/signing/otp';
import { ApiError } from '../http/api-error';
import { recordEvent } from '../portal-api/evidence';
import type { Client } from '../portal-api/portal-context';
import type { ServerDatabase } from '../store/schema';

/**
 * A portal signer locked out by five wrong codes (issue 6, item 4): the device that published the document, on its
 * preparer's word, frees the lock so that the signer can ask for a new code. Another device's document, or a signer it
 * does not have, is not found. The lock freed is evidence (`unlocked`, from the desktop's address); a signer whose code
 * is not locked (never was, or was unlocked already by a retry of this call) changes nothing and records nothing. The
 * desktop writes its own history entry, so the feed carries nothing back to it.
 */
export async function unlockSignerCode(db: Kysely<ServerDatabase>, deviceId: string, publishedId: string, desktopSignerId: string, client: Client, at: Date): Promise<{ unlocked: boolean }> {
  const signer = await db
    .selectFrom('published_signers as s')
    .innerJoin('published_documents as d', 'd.id', 's.document_id')
    .select(['s.id', 's.document_id'])
    .where('d.id', '=', publishedId)
    .where('d.device_id', '=', deviceId)
    .where('s.desktop_signer_id', '=', desktopSignerId)
    .executeTakeFirst();
  if (!signer) throw new ApiError('NOT_FOUND');
  return db.transaction().execute(async (trx) => {
    // Counted by the update itself, so two calls at once record one unlock.
    if ((await unlockCodes<ServerDatabase>({ db: trx }, signer.id)) === 0) return { unlocked: false };
    // A locked code was asked for on a link: the newest one names it in the evidence.
    const link = await trx.selectFrom('signing_links').select('id').where('signer_id', '=', signer.id).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    await recordEvent(trx, { linkId: link.id, documentId: signer.document_id, signerId: signer.id }, 'unlocked', client, at);
    return { unlocked: true };
  });
}

import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../store/schema';
import { allSigned } from './turn';

/** How a signature was made and checked, as published_signers keeps it. */
export interface SignatureFacts {
  signedAt: string;
  method: string;
  identityCheck: 'appLogin' | 'emailCode' | 'smsCode';
  signatureSha256: string;
  /** The signer's field values by field id (each kept as JSON), what the seal draws. */
  values: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Marks a waiting signer signed with their values, in the caller's transaction. Conditional on the signer still
 * waiting: false when another request signed (or declined) first, and then nothing is written, so a double submit
 * cannot sign twice.
 */
export async function storeSignature(trx: Kysely<ServerDatabase>, signerId: string, facts: SignatureFacts): Promise<boolean> {
  const updated = await trx
    .updateTable('published_signers')
    .set({ status: 'signed', signed_at: facts.signedAt, method: facts.method, identity_check: facts.identityCheck, signature_sha256: facts.signatureSha256 })
    .where('id', '=', signerId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  const rows = Object.entries(facts.values).map(([field_id, value]) => ({ signer_id: signerId, field_id, value: JSON.stringify(value) }));
  if (rows.length > 0) await trx.insertInto('published_values').values(rows).execute();
  return true;
}

/** Whether every signer of the document has signed: the seal's turn. */
export async function everyoneSigned(db: Kysely<ServerDatabase>, documentId: string): Promise<boolean> {
  return allSigned(await db.selectFrom('published_signers').select('status').where('document_id', '=', documentId).execute());
}

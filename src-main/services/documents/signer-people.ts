import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

/**
 * A document's signers in their order, each joined to the employee (`users`) or the contact (`contacts`) they are:
 * the one query behind the field editor's auto-fill, the certificate page, the notices, reminders and publishing.
 * Callers select the columns they read (and may narrow it further with `where`).
 */
export function signersWithPeople(db: Kysely<Database>, documentId: string) {
  return db
    .selectFrom('document_signers')
    .leftJoin('users', 'users.id', 'document_signers.user_id')
    .leftJoin('contacts', 'contacts.id', 'document_signers.contact_id')
    .where('document_signers.document_id', '=', documentId)
    .orderBy('document_signers.position')
    .orderBy('document_signers.id');
}

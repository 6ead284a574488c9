import type { Selectable } from 'kysely';
import type { ContactTable } from '../../store/schema';
import { fieldsToColumns, rowToContact } from '../../services/contacts/contact-rows';
import { reindexDocument } from '../../services/documents/search-index';
import { deletedField, missingOf, text, written, type SyncedFields, type SyncedRecord } from '../synced-record';

/** A contact's own fields; the search and sort columns are derived from them on every write, so they are not synced. */
const columns = ['kind', 'first_name', 'last_name', 'email', 'phone', 'company_name', 'position', 'tax_id', 'country', 'street', 'postal_code', 'city', 'notes', 'archived_at', 'created_at'] as const;
const required = ['kind', 'first_name', 'last_name', 'country', 'created_at'] as const;

export const contactRecord: SyncedRecord = {
  entity: 'contact',
  async read(db, id) {
    const row = await db.selectFrom('contacts').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    return (await db.selectFrom('contacts').select('id').execute()).map((r) => r.id);
  },
  async write(db, id, fields, at) {
    const exists = await db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst();
    if (fields[deletedField] === true) {
      if (!exists) return written;
      const used = await db.selectFrom('document_signers').select('document_id').where('contact_id', '=', id).limit(1).executeTakeFirst();
      if (used) return { kind: 'refused', reason: 'contactInUse' };
      await db.deleteFrom('contacts').where('id', '=', id).execute();
      return written;
    }
    const missing = missingOf(fields, required);
    if (missing) return { kind: 'incomplete', missing };
    const row = rowOf(id, fields, at);
    const values = { ...fieldsToColumns(rowToContact(row)), archived_at: row.archived_at, updated_at: row.updated_at };
    if (exists) {
      await db.updateTable('contacts').set(values).where('id', '=', id).execute();
      // Their documents are found by the name and company the contact has now.
      const signed = await db.selectFrom('document_signers').select('document_id').distinct().where('contact_id', '=', id).execute();
      for (const { document_id } of signed) await reindexDocument(db, document_id);
    } else {
      await db.insertInto('contacts').values({ id, ...values, created_at: row.created_at }).execute();
    }
    return written;
  },
};

function rowOf(id: string, f: SyncedFields, at: string): Selectable<ContactTable> {
  return {
    id,
    kind: text(f, 'kind')!,
    first_name: text(f, 'first_name')!,
    last_name: text(f, 'last_name')!,
    email: text(f, 'email'),
    phone: text(f, 'phone'),
    company_name: text(f, 'company_name'),
    position: text(f, 'position'),
    tax_id: text(f, 'tax_id'),
    country: text(f, 'country')!,
    street: text(f, 'street'),
    postal_code: text(f, 'postal_code'),
    city: text(f, 'city'),
    notes: text(f, 'notes'),
    archived_at: text(f, 'archived_at'),
    created_at: text(f, 'created_at')!,
    updated_at: at,
    search_text: '',
    sort_name: '',
    sort_company: '',
  };
}

import { sql, type Kysely } from 'kysely';
import type { ContactPage } from '../../../src-shared/contract/calls';
import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentRef } from '../../../src-shared/contacts/error-details';
import type { Contact, ContactFields, ContactKind, ContactSortKey } from '../../../src-shared/contacts/schema';
import { foldForSearch } from '../../../src-shared/text/fold';
import type { Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { fieldsToColumns, rowToContact } from './contact-rows';
import { findDuplicates, isBlocking } from './duplicates';
import { reindexDocument } from '../documents/search-index';

export interface ContactQuery {
  query: string;
  kinds: ContactKind[];
  includeArchived: boolean;
  sort: ContactSortKey;
  descending: boolean;
}

const sortColumns: Record<ContactSortKey, 'sort_name' | 'sort_company' | 'created_at' | 'updated_at'> = {
  name: 'sort_name',
  company: 'sort_company',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** The filtered, ordered query shared by the list, the count and the export. */
export function contactsQuery(db: Kysely<Database>, q: Omit<ContactQuery, 'sort' | 'descending'>) {
  let query = db.selectFrom('contacts');
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  if (q.kinds.length > 0) query = query.where('kind', 'in', q.kinds);
  for (const token of foldForSearch(q.query).split(' ').filter(Boolean)) {
    query = query.where(sql<boolean>`search_text like ${`%${escapeLike(token)}%`} escape '\\'`);
  }
  return query;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listContacts(ctx: ServiceContext, q: ContactQuery & { offset: number; limit: number }): Promise<ContactPage> {
  const base = contactsQuery(ctx.db, q);
  const dir = q.descending ? 'desc' : 'asc';
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy(sortColumns[q.sort], dir).orderBy('sort_name', dir).orderBy('id').offset(q.offset).limit(q.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToContact), total: Number(count.n) };
}

export async function getContact(ctx: ServiceContext, id: string): Promise<Contact> {
  const row = await ctx.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'errors.contactNotFound', { id });
  return rowToContact(row);
}

async function refuseDuplicates(db: Kysely<Database>, fields: ContactFields, allowSharedTaxId: boolean, excludeId?: string) {
  const matches = (await findDuplicates(db, fields, excludeId)).filter((m) => isBlocking(m, allowSharedTaxId));
  if (matches.length > 0) throw new AppError('DUPLICATE', 'errors.duplicateContact', { matches });
}

/** The duplicate check and the write share one transaction: two quick saves cannot both pass the check. */
export async function createContact(ctx: ServiceContext, fields: ContactFields, allowSharedTaxId: boolean): Promise<Contact> {
  const id = ctx.newId();
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await refuseDuplicates(trx, fields, allowSharedTaxId);
    await trx
      .insertInto('contacts')
      .values({ id, ...fieldsToColumns(fields), archived_at: null, created_at: at, updated_at: at })
      .execute();
  });
  return getContact(ctx, id);
}

export async function updateContact(ctx: ServiceContext, id: string, fields: ContactFields, allowSharedTaxId: boolean): Promise<Contact> {
  const existing = await getContact(ctx, id);
  const documentIds = await ctx.db.transaction().execute(async (trx) => {
    // A tax ID the contact already had was accepted when it was saved; editing another field must not ask again.
    await refuseDuplicates(trx, fields, allowSharedTaxId || existing.taxId === fields.taxId, id);
    await trx
      .updateTable('contacts')
      .set({ ...fieldsToColumns(fields), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    // The documents they sign are found by the name, company and tax ID they have now, not the ones they had.
    const signed = await trx.selectFrom('document_signers').select('document_id').distinct().where('contact_id', '=', id).execute();
    for (const { document_id } of signed) await reindexDocument(trx, document_id);
    return signed.map((d) => d.document_id);
  });
  // Their cards show the new name.
  if (documentIds.length) ctx.events.publish({ type: 'documentsChanged', ids: documentIds });
  return getContact(ctx, id);
}

export async function setContactArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Contact> {
  const existing = await getContact(ctx, id);
  if (existing.archived !== archived) {
    const at = nowIso(ctx);
    await ctx.db
      .updateTable('contacts')
      .set({ archived_at: archived ? at : null, updated_at: at })
      .where('id', '=', id)
      .execute();
  }
  return getContact(ctx, id);
}

/** Refused while any document names the contact as a signer: its history must keep pointing at a real record. */
export async function deleteContact(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  await getContact(ctx, id);
  const documents: DocumentRef[] = await ctx.db
    .selectFrom('document_signers')
    .innerJoin('documents', 'documents.id', 'document_signers.document_id')
    .where('document_signers.contact_id', '=', id)
    .select(['documents.id', 'documents.title', 'documents.number'])
    .distinct()
    .orderBy('documents.number')
    .limit(20)
    .execute();
  if (documents.length > 0) throw new AppError('IN_USE', 'errors.contactInUse', { id, documents });
  await ctx.db.deleteFrom('contacts').where('id', '=', id).execute();
  return { id };
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../../store/schema';
import { inChunks } from '../../store/in-chunks';
import { searchRow, type SearchParty } from '../../services/documents/search-index';
import { missingOf, text, type SyncedFields } from '../synced-record';
import { documentColumns, documentRequired, signerRowsOf, type SyncedSigner } from './document-record';

export interface NewDocument {
  id: string;
  fields: SyncedFields;
}

/** 100 documents a statement: their 15 columns, well inside both backends' limits on bound values. */
const parts = <T>(items: readonly T[]) => inChunks(items, 100);

/**
 * Documents this desktop has never had, inserted a page at a time (a first pull brings thousands): what they point at
 * is looked up once for all, their rows, signers, tags and search rows go in multi-row statements. Whatever cannot go
 * this way — a field or a record it points at still missing, a number already taken here, a row that exists after
 * all — is handed back for the one-by-one path, which says why. All or nothing: inside a savepoint, any error hands
 * every document back.
 */
export async function insertNewDocuments(trx: Transaction<Database>, docs: readonly NewDocument[], at: string): Promise<{ written: string[]; rest: NewDocument[] }> {
  if (docs.length === 0) return { written: [], rest: [] };
  const stages = new Map((await trx.selectFrom('document_stages').select(['id', 'key']).execute()).map((s) => [s.key ? `key:${s.key}` : s.id, s.id]));
  const complete = docs.filter((d) => missingOf(d.fields, documentRequired) === null && stages.has(text(d.fields, 'stage')!));
  const signersOf = new Map(complete.map((d) => [d.id, JSON.parse(text(d.fields, 'signers') ?? '[]') as SyncedSigner[]]));
  const found = async (table: 'files' | 'users' | 'contacts' | 'documents', column: 'sha256' | 'id' | 'number', values: string[]) => {
    const seen = new Set<string>();
    for (const chunk of parts([...new Set(values)])) {
      const rows = await trx.selectFrom(table).select(sql<string>`${sql.ref(column)}`.as('v')).where(sql.ref(column), 'in', chunk).execute();
      for (const r of rows) seen.add(r.v);
    }
    return seen;
  };
  const files = await found('files', 'sha256', complete.map((d) => text(d.fields, 'original_sha256')!));
  const users = await found('users', 'id', complete.flatMap((d) => [text(d.fields, 'owner_id')!, ...signersOf.get(d.id)!.flatMap((s) => (s.user_id ? [s.user_id] : []))]));
  const contacts = await found('contacts', 'id', complete.flatMap((d) => signersOf.get(d.id)!.flatMap((s) => (s.contact_id ? [s.contact_id] : []))));
  const existing = await found('documents', 'id', complete.map((d) => d.id));
  const numbers = await found('documents', 'number', complete.map((d) => text(d.fields, 'number')!));
  const taken = new Set<string>();
  const ready = complete.filter((d) => {
    const number = text(d.fields, 'number')!;
    const ok =
      files.has(text(d.fields, 'original_sha256')!) &&
      users.has(text(d.fields, 'owner_id')!) &&
      signersOf.get(d.id)!.every((s) => (!s.user_id || users.has(s.user_id)) && (!s.contact_id || contacts.has(s.contact_id))) &&
      !existing.has(d.id) &&
      !numbers.has(number) &&
      !taken.has(number);
    if (ok) taken.add(number);
    return ok;
  });
  if (ready.length === 0) return { written: [], rest: [...docs] };

  const names = new Map<string, SearchParty>();
  for (const chunk of parts([...contacts])) {
    for (const c of await trx.selectFrom('contacts').select(['id', 'first_name', 'last_name', 'company_name', 'tax_id']).where('id', 'in', chunk).execute()) names.set(c.id, c);
  }
  await sql`savepoint sync_new_documents`.execute(trx);
  try {
    for (const chunk of parts(ready)) {
      await trx
        .insertInto('documents')
        .values(
          chunk.map(({ id, fields: f }) => ({ id, ...documentColumns(f, stages.get(text(f, 'stage')!)!, at), created_at: text(f, 'created_at')! })),
        )
        .execute();
      const signers = chunk.flatMap(({ id }) => signerRowsOf(id, signersOf.get(id)!));
      if (signers.length) await trx.insertInto('document_signers').values(signers).execute();
      const tagsOf = new Map(chunk.map(({ id, fields: f }) => [id, JSON.parse(text(f, 'tags') ?? '[]') as string[]]));
      const tags = chunk.flatMap(({ id }) => tagsOf.get(id)!.map((tag) => ({ document_id: id, tag })));
      if (tags.length) await trx.insertInto('document_tags').values(tags).execute();
      const search = chunk.map(({ id, fields: f }) => {
        const parties = signersOf.get(id)!.flatMap((s) => (s.contact_id && names.has(s.contact_id) ? [names.get(s.contact_id)!] : []));
        return searchRow(id, { title: text(f, 'title')!, number: text(f, 'number')! }, parties, tagsOf.get(id)!);
      });
      await trx.insertInto('documents_fts').values(search).execute();
    }
    await sql`release sync_new_documents`.execute(trx);
  } catch {
    await sql`rollback to sync_new_documents`.execute(trx);
    await sql`release sync_new_documents`.execute(trx);
    return { written: [], rest: [...docs] };
  }
  const done = new Set(ready.map((d) => d.id));
  return { written: [...done], rest: docs.filter((d) => !done.has(d.id)) };
}

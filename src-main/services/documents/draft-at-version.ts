import type { Transaction, Updateable } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { Database, DocumentTable } from '../../store/schema';
import type { ServiceContext } from '../context';
import { summariesOf } from './document-rows';

/**
 * The Draft a wizard save changes, as it is at the version the caller loaded: a sent document was sent as it was,
 * and a save made against an older version would overwrite a change its author never saw.
 */
export async function draftAtVersion(ctx: ServiceContext, id: string, version: number): Promise<DocumentSummary> {
  const [doc] = await summariesOf(ctx, [id]);
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  if (doc.phase !== 'draft') throw new AppError('VALIDATION', 'documents.notDraft');
  if (doc.version !== version) throw new AppError('VALIDATION', 'documents.changedMeanwhile', { version: doc.version });
  return doc;
}

type DocumentColumns = Omit<Updateable<DocumentTable>, 'id' | 'version' | 'updated_at'>;

/** Writes `columns` and the next version inside the caller's transaction, only if the document is still at `version`. */
export async function writeAtVersion(trx: Transaction<Database>, id: string, version: number, columns: DocumentColumns, at: string): Promise<void> {
  const updated = await trx
    .updateTable('documents')
    .set((eb) => ({ ...columns, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'documents.changedMeanwhile');
}

import { deletedField, missingOf, text, written, type SyncedRecord } from '../synced-record';

/**
 * An automation notice to an employee (issue 9): who it is for, about which document, what it says, and when they
 * read it. It reaches the addressee's other desktops, and "read" on one is read on all. A notice whose employee or
 * document this desktop does not have (yet) waits for them.
 */
export const noticeRecord: SyncedRecord = {
  entity: 'notice',
  async read(db, id) {
    const row = await db.selectFrom('notices').select(['user_id', 'document_id', 'text', 'created_at', 'read_at']).where('id', '=', id).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    return (await db.selectFrom('notices').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields) {
    if (fields[deletedField] === true) {
      await trx.deleteFrom('notices').where('id', '=', id).execute();
      return written;
    }
    const missing = missingOf(fields, ['user_id', 'document_id', 'text', 'created_at']);
    if (missing) return { kind: 'incomplete', missing };
    const userId = text(fields, 'user_id')!;
    const documentId = text(fields, 'document_id')!;
    if (!(await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) return { kind: 'incomplete', missing: 'user' };
    if (!(await trx.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst())) return { kind: 'incomplete', missing: 'document' };
    const values = { user_id: userId, document_id: documentId, text: text(fields, 'text') ?? '', created_at: text(fields, 'created_at')!, read_at: text(fields, 'read_at') };
    await trx.insertInto('notices').values({ id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    return written;
  },
};

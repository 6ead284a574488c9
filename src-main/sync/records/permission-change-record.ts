import { deletedField, missingOf, text, written, type SyncedRecord } from '../synced-record';

const columns = ['at', 'actor_id', 'actor_name', 'kind', 'subject', 'before', 'after'] as const;

/**
 * One entry of the permission history (who changed what, before and after), so that every desktop's Access
 * permissions section shows the company's whole history, not only the changes made at its keyboard. Written once and
 * never changed; removed only when the server refused the change it records (the change itself is undone too).
 */
export const permissionChangeRecord: SyncedRecord = {
  entity: 'permission_change',
  async read(db, id) {
    const row = await db.selectFrom('permission_changes').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    return (await db.selectFrom('permission_changes').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields) {
    if (fields[deletedField] === true) {
      await trx.deleteFrom('permission_changes').where('id', '=', id).execute();
      return written;
    }
    const missing = missingOf(fields, columns);
    if (missing) return { kind: 'incomplete', missing };
    const values = Object.fromEntries(columns.map((c) => [c, text(fields, c)!])) as Record<(typeof columns)[number], string>;
    await trx.insertInto('permission_changes').values({ id, ...values }).onConflict((oc) => oc.doNothing()).execute();
    return written;
  },
};

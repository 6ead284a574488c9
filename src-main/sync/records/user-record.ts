import { missingOf, text, written, type SyncedRecord } from '../synced-record';

/**
 * The company's people as documents name them (owner, company signer). Who may administer is the server's account
 * setting, not a synced field: a laptop cannot make someone an administrator by editing its own copy. The department
 * is synced: its roles are the employee's (a change of it is a change of permissions, checked as one by the server).
 */
export const userRecord: SyncedRecord = {
  entity: 'user',
  async read(db, id) {
    const row = await db.selectFrom('users').select(['name', 'email', 'is_signer', 'department', 'created_at']).where('id', '=', id).executeTakeFirst();
    return row ? { name: row.name, email: row.email, is_signer: row.is_signer === 1, department: row.department, created_at: row.created_at } : null;
  },
  async ids(db) {
    return (await db.selectFrom('users').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields) {
    const missing = missingOf(fields, ['name', 'created_at']);
    if (missing) return { kind: 'incomplete', missing };
    const values = { name: text(fields, 'name')!, email: text(fields, 'email'), is_signer: fields['is_signer'] === true ? 1 : 0, department: text(fields, 'department') };
    await trx
      .insertInto('users')
      .values({ id, ...values, is_admin: 0, created_at: text(fields, 'created_at')! })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    return written;
  },
};

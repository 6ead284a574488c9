import { holdingId, holdingOfId } from '../../../src-shared/permissions/role-fields';
import { deletedField, written, type SyncedRecord } from '../synced-record';

/**
 * One role held by an employee or a department, its own record (id `kind|role|subject`, role-fields.ts) so that two
 * laptops granting one person two roles merge as two holdings. Taking a role away is deleting the holding.
 */
export const roleAssignmentRecord: SyncedRecord = {
  entity: 'role_assignment',
  async read(db, id) {
    const h = holdingOfId(id);
    if (!h) return null;
    const row = await db.selectFrom('role_assignments').select(['subject_kind', 'subject', 'role_id']).where('subject_kind', '=', h.kind).where('subject', '=', h.subject).where('role_id', '=', h.roleId).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    const rows = await db.selectFrom('role_assignments').select(['subject_kind', 'subject', 'role_id']).execute();
    return rows.map((r) => holdingId({ kind: r.subject_kind, subject: r.subject, roleId: r.role_id }));
  },
  async write(trx, id, fields) {
    const h = holdingOfId(id);
    if (!h) return { kind: 'refused', reason: 'badHoldingId' };
    if (fields[deletedField] === true) {
      await trx.deleteFrom('role_assignments').where('subject_kind', '=', h.kind).where('subject', '=', h.subject).where('role_id', '=', h.roleId).execute();
      return written;
    }
    if (!(await trx.selectFrom('roles').select('id').where('id', '=', h.roleId).executeTakeFirst())) return { kind: 'incomplete', missing: 'role_id' };
    await trx.insertInto('role_assignments').values({ subject_kind: h.kind, subject: h.subject, role_id: h.roleId }).onConflict((oc) => oc.doNothing()).execute();
    return written;
  },
};

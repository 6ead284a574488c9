import { createMarkTriggers, markExisting, type MarkedTable } from './018-sync';
import type { Migration } from './migration';

const roles: MarkedTable = { table: 'roles', entity: 'role', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] };
// A holding's sync id is holdingId's (role-fields.ts): kind, role, subject.
const history: MarkedTable = { table: 'permission_changes', entity: 'permission_change', id: (r) => `${r}.id`, on: ['INSERT', 'DELETE'] };
const holdings: MarkedTable = { table: 'role_assignments', entity: 'role_assignment', id: (r) => `${r}.subject_kind || '|' || ${r}.role_id || '|' || ${r}.subject`, on: ['INSERT', 'UPDATE', 'DELETE'] };

/**
 * Access permissions reach every desktop through sync (issue 8): roles, role holdings and the permission history are
 * marked like every synced table (018), and what is there now is marked so the first sync after this sends it, with
 * every employee's department (a field of the synced user since this version).
 */
export const permissionSync: Migration = {
  version: 20,
  name: 'permission-sync',
  async up(db) {
    for (const t of [roles, holdings, history]) {
      await createMarkTriggers(db, t);
      await markExisting(db, t);
    }
    await markExisting(db, { table: 'users', entity: 'user', id: (r) => `${r}.id` });
  },
};

import { sql } from 'kysely';
import { builtinRoleId, defaultRoles } from '../../../src-shared/permissions/roles';
import type { Migration } from './migration';

/**
 * Access permissions (issue 8): roles (a matrix of levels per action as JSON, and per-stage move levels), who holds
 * them (an employee, or a department whose members all do), each employee's department, and the audit of every change
 * of permissions (who, when, what it was before and after). The five built-in roles are made with the ids every
 * desktop and the server share. The employees there are keep what they could do: an administrator gets the
 * Administrator role, a signer the Director's (who signs for the company), everyone else the Employee's.
 */
export const permissions: Migration = {
  version: 19,
  name: 'permissions',
  async up(db) {
    await db.schema
      .createTable('roles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('builtin', 'text', (c) => c.unique())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('stage_moves', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('role_assignments')
      .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind IN ('user', 'department')`))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('role_assignments_pk', ['subject_kind', 'subject', 'role_id'])
      .execute();
    await db.schema
      .createTable('permission_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('before', 'text', (c) => c.notNull())
      .addColumn('after', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('permission_changes_at').on('permission_changes').column('at').execute();
    await db.schema.alterTable('users').addColumn('department', 'text').execute();

    const at = new Date().toISOString();
    for (const role of defaultRoles()) {
      await db
        .insertInto('roles' as never)
        .values({ id: role.id, name: null, builtin: role.builtin, levels: JSON.stringify(role.levels), stage_moves: '{}', updated_at: at } as never)
        .execute();
    }
    const roleFor = (flag: string, role: string) =>
      sql.raw(`INSERT INTO role_assignments (subject_kind, subject, role_id) SELECT 'user', id, '${role}' FROM users WHERE ${flag}`).execute(db);
    await roleFor('is_admin = 1', builtinRoleId('administrator'));
    await roleFor('is_admin = 0 AND is_signer = 1', builtinRoleId('director'));
    await roleFor('is_admin = 0 AND is_signer = 0', builtinRoleId('employee'));
  },
};

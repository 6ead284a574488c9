import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Migration } from '../../../src-main/store/migrations/migration';
import { builtinAdministratorKey } from '../../accounts/builtin-administrator';

/**
 * Employees' accounts (issue 7): every device belongs to one, and an enrolment code (from an invitation) is spent on a
 * device of its account. A server upgraded from issue 6 has devices paired with `signet-server pair` and nobody to own
 * them: a built-in Administrator account is made here and given them all, so they keep working and can administer
 * the others; the `pair` command's devices go on joining it. Portable schema builder calls only (see 009).
 */
export const accounts: Migration = {
  version: 10,
  name: 'accounts',
  async up(db) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('department', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('is_signer', 'integer', (c) => c.notNull())
      .addColumn('is_admin', 'integer', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('enrolment_codes')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text')
      .execute();
    await db.schema.createIndex('enrolment_codes_account').on('enrolment_codes').column('account_id').execute();
    await db.schema.alterTable('devices').addColumn('account_id', 'text').execute();
    await db.schema.createIndex('devices_account').on('devices').column('account_id').execute();

    const untyped = db as Kysely<Record<string, Record<string, unknown>>>;
    const id = randomUUID();
    const at = new Date().toISOString();
    await untyped
      .insertInto('accounts')
      .values({ id, name: 'Administrator', email: 'administrator@signet.invalid', department: null, language: 'en', is_signer: 0, is_admin: 1, disabled_at: null, created_at: at, updated_at: at })
      .execute();
    await untyped.insertInto('server_settings').values({ key: builtinAdministratorKey, value: id }).execute();
    await untyped.updateTable('devices').set({ account_id: id }).execute();
  },
};

import { integer, missingOf, text, written, deletedField, type SyncedRecord } from '../synced-record';

const columns = ['name', 'name_key', 'file_sha256', 'original_name', 'content', 'company_signers', 'counterparty_roles', 'signing_order', 'send_message', 'send_language', 'reminder_days', 'expiry_days', 'created_by', 'created_at'] as const;
const required = ['name', 'name_key', 'file_sha256', 'original_name', 'content', 'company_signers', 'counterparty_roles', 'created_by', 'created_at'] as const;

/**
 * A document template: the company's, so every laptop offers it in the wizard. Its PDF is a file like a document's.
 * Two laptops that saved templates of one name while apart: the second is refused by the unique name (reported).
 */
export const templateRecord: SyncedRecord = {
  entity: 'template',
  async read(db, id) {
    const row = await db.selectFrom('templates').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    return (await db.selectFrom('templates').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields, at) {
    if (fields[deletedField] === true) {
      await trx.deleteFrom('templates').where('id', '=', id).execute();
      return written;
    }
    const missing = missingOf(fields, required);
    if (missing) return { kind: 'incomplete', missing };
    if (!(await trx.selectFrom('files').select('sha256').where('sha256', '=', text(fields, 'file_sha256')!).executeTakeFirst())) return { kind: 'incomplete', missing: 'file' };
    if (!(await trx.selectFrom('users').select('id').where('id', '=', text(fields, 'created_by')!).executeTakeFirst())) return { kind: 'incomplete', missing: 'created_by' };
    const values = {
      name: text(fields, 'name')!,
      name_key: text(fields, 'name_key')!,
      file_sha256: text(fields, 'file_sha256')!,
      original_name: text(fields, 'original_name')!,
      content: text(fields, 'content')!,
      company_signers: text(fields, 'company_signers')!,
      counterparty_roles: integer(fields, 'counterparty_roles')!,
      signing_order: text(fields, 'signing_order'),
      send_message: text(fields, 'send_message'),
      send_language: text(fields, 'send_language'),
      reminder_days: integer(fields, 'reminder_days'),
      expiry_days: integer(fields, 'expiry_days'),
      created_by: text(fields, 'created_by')!,
      updated_at: at,
    };
    await trx
      .insertInto('templates')
      .values({ id, ...values, created_at: text(fields, 'created_at')! })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    return written;
  },
};

import { sql, type Kysely } from 'kysely';

/**
 * The identity codes' table and its index, as the desktop's migration 010 made it and the company server's migration
 * 004 makes it again: one definition for the one otp.ts that reads both. `signers`: whose codes they are, with the
 * type of that table's key (the desktop numbers its signers, the server gives its own UUIDs).
 */
export async function createOtpTable(db: Kysely<unknown>, signers: { table: string; keyType: 'integer' | 'text' }): Promise<void> {
  // Only the code's salted hash is kept; attempts are counted on the row, so a restart does not reset them.
  await db.schema
    .createTable('otp_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('signer_id', signers.keyType, (c) => c.notNull().references(`${signers.table}.id`).onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'passed', 'locked', 'replaced')`))
    .execute();
  await db.schema.createIndex('otp_challenges_signer').on('otp_challenges').columns(['signer_id', 'created_at']).execute();
}

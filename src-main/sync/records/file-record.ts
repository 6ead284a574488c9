import { integer, missingOf, text, written, type SyncedRecord } from '../synced-record';

/**
 * A file's metadata; its id is its SHA-256, so it never changes and two laptops importing the same PDF agree. The bytes
 * are not a field: they go up with the push and come down when first read (see file-transfer.ts), checked by hash.
 */
export const fileRecord: SyncedRecord = {
  entity: 'file',
  async read(db, sha256) {
    const row = await db.selectFrom('files').select(['size', 'media_type', 'created_at', 'page_count', 'page_sizes']).where('sha256', '=', sha256).executeTakeFirst();
    return row ? { ...row } : null;
  },
  async ids(db) {
    return (await db.selectFrom('files').select('sha256').execute()).map((r) => r.sha256);
  },
  async write(trx, sha256, fields) {
    const missing = missingOf(fields, ['size', 'media_type', 'created_at']);
    if (missing) return { kind: 'incomplete', missing };
    await trx
      .insertInto('files')
      .values({ sha256, size: integer(fields, 'size')!, media_type: text(fields, 'media_type')!, created_at: text(fields, 'created_at')!, page_count: integer(fields, 'page_count'), page_sizes: text(fields, 'page_sizes') })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return written;
  },
};

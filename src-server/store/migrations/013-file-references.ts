import { sql } from 'kysely';
import type { Migration } from '../../../src-main/store/migrations/migration';
import { fileReferenceKeys } from '../../permissions/file-references';

/**
 * Which documents and templates name a file (issue 8): a pull sends a file's record, and the file route its bytes,
 * only to an account that may see something naming it, found by the file's SHA-256 through this index. Partial: only
 * those fields' values are short enough to index on PostgreSQL (a field's value can be 100,000 characters).
 */
export const fileReferences: Migration = {
  version: 13,
  name: 'file references',
  async up(db) {
    await db.schema.createIndex('sync_entries_file_references').on('sync_entries').columns(['value', 'entity', 'entity_id']).where(sql.ref('key'), 'in', [...fileReferenceKeys]).execute();
  },
};

import type { Migration } from '../../../src-main/store/migrations/migration';
import { isPostgres } from './dialect';

/**
 * Upload chunks in the database (issue 7, item 3): the bytes of a file still arriving were a part file in one
 * instance's DIR/uploads and "a chunk is being written" a set in that process's memory, so behind a load balancer a
 * desktop whose next chunk reached another instance started again or was refused. Now each chunk is a row, and the
 * upload row says how many bytes it holds (`received`, moved in the chunk's own transaction), when it last grew
 * (the sweep's sign of life) and until when a chunk is being written (`writing_until`, a lease any instance honours
 * and one that died lets go of by itself). Part files an older server left are not read any more; the server removes
 * them at start (upload-sweep.ts).
 */
export const uploadChunks: Migration = {
  version: 12,
  name: 'upload chunks',
  async up(db) {
    await db.schema
      .createTable('upload_chunks')
      .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
      .addColumn('offset', 'bigint', (c) => c.notNull())
      .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('upload_chunks_pk', ['upload_id', 'offset'])
      .execute();
    await db.schema.alterTable('uploads').addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('uploads').addColumn('updated_at', 'text').execute();
    await db.schema.alterTable('uploads').addColumn('writing_until', 'text').execute();
  },
};

import type { Migration } from '../../../src-main/store/migrations/migration';

/**
 * When the publishing desktop first fetched the sealed file whole (src-server/sealing/). The portal keeps the file 14
 * days for the signers, and past that only until the desktop has its copy (or 30 days have gone by): the removal
 * sweep reads this column, so a desktop that was away for a fortnight still finds its document.
 */
export const sealedFetch: Migration = {
  version: 6,
  name: 'sealed fetch',
  async up(db) {
    await db.schema.alterTable('published_documents').addColumn('sealed_fetched_at', 'text').execute();
  },
};

import type { Migration } from '../../../src-main/store/migrations/migration';

/**
 * What signing on the server needs beyond 005. A published signer's country (ISO 3166 alpha-2, from the desktop's
 * contact record): their values are read by it (a tax ID as a Polish NIP only for PL, a phone typed without a
 * prefix), on the portal as on the desktop. A held link's `released_by`: the signer whose signature released it, so a
 * desktop's report sent twice answers with the same count of links released the first time.
 */
export const signerDetails: Migration = {
  version: 7,
  name: 'signer details',
  async up(db) {
    await db.schema.alterTable('published_signers').addColumn('country', 'text').execute();
    await db.schema.alterTable('signing_links').addColumn('released_by', 'text').execute();
  },
};

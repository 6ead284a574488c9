import type { Migration } from './migration';

/**
 * The column totals' index also holds each document's owner and id, so that "my documents" (owner, or signer) is
 * counted and summed by reading this index once, comparing the owner and probing the signatures, where SQLite would
 * otherwise look up every document twice (36 ms at 10,000 documents owned and signed by the same person). It replaces
 * the narrower (stage, currency, amount) index, which reads no faster.
 */
export const boardTotalsIndex: Migration = {
  version: 6,
  name: 'board-totals-index',
  async up(db) {
    await db.schema.dropIndex('documents_stage_totals').execute();
    await db.schema.createIndex('documents_totals').on('documents').columns(['stage_id', 'currency', 'amount_minor', 'owner_id', 'id']).execute();
  },
};

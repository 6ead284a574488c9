import type { Migration } from './migration';

/**
 * The day the preparer chose as the signing deadline while the document is still a Draft (yyyy-MM-dd), so a Draft
 * closed at the delivery step and resumed shows that day again.
 *
 * Not kept in `expires_at`: that is the instant the signing links die, set by the send and read by the expiry sweep
 * and the signing checks as "this document has a deadline". A Draft has no deadline yet; it has a day picked in a
 * calendar, which becomes the deadline (the end of that day) only when the document is sent.
 */
export const draftExpiryDay: Migration = {
  version: 12,
  name: 'draft-expiry-day',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('send_expires_on', 'text').execute();
  },
};

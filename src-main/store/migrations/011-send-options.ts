import type { Migration } from './migration';

/**
 * What the wizard's delivery step chooses beyond the channel: the personal message and its language, and how often
 * reminders go out. Stored with the send so that the messages and the reminder sweep, when they exist, read what the
 * preparer chose rather than a default.
 */
export const sendOptions: Migration = {
  version: 11,
  name: 'send-options',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('send_message', 'text').execute();
    await db.schema.alterTable('documents').addColumn('send_language', 'text').execute();
    await db.schema.alterTable('documents').addColumn('reminder_days', 'integer').execute();
  },
};

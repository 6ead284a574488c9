import { createMarkTriggers, markExisting, type MarkedTable } from './018-sync';
import type { Migration } from './migration';

const notices: MarkedTable = { table: 'notices', entity: 'notice', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] };

/**
 * Automation's notices to an employee are synced (issue 9): a rule that runs on one desktop (or is handed back by the
 * company server to the desktop that sent the document) notifies an employee who works on another, and marking one
 * read there marks it read everywhere. The server gives each only to its addressee's desktops.
 */
export const noticeSync: Migration = {
  version: 26,
  name: 'notice sync',
  async up(db) {
    await createMarkTriggers(db, notices);
    await markExisting(db, notices);
  },
};

import type { Migration } from './migration';

/**
 * An automation rule's notice to an employee (issue 9, "notify an employee in the app"): kept until they have read it,
 * so one who was not at the app when it came finds it there. One per rule run (the job's id).
 */
export const notices: Migration = {
  version: 24,
  name: 'notices',
  async up(db) {
    await db.schema
      .createTable('notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    await db.schema.createIndex('notices_user').on('notices').columns(['user_id', 'created_at']).execute();
  },
};

import type { Migration } from './migration';

/** A trigger moves a document forward only unless it allows moving back (issue 9, as Bitrix24's triggers do). */
export const triggerAllowBack: Migration = {
  version: 27,
  name: 'trigger allow back',
  async up(db) {
    await db.schema.alterTable('automation_triggers').addColumn('allow_back', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};

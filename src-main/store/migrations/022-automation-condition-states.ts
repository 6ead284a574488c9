import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * Whether each condition trigger's condition held for a document when it last changed (issue 9): the trigger fires
 * when it comes to hold, not on every edit while it holds — a card dragged out of its stage is not pulled back by
 * the next unrelated edit.
 */
export const automationConditionStates: Migration = {
  version: 22,
  name: 'automation-condition-states',
  async up(db) {
    await db.schema
      .createTable('automation_condition_states')
      .addColumn('trigger_id', 'text', (c) => c.notNull().references('automation_triggers.id').onDelete('cascade'))
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('holds', 'integer', (c) => c.notNull().check(sql`holds IN (0, 1)`))
      .addPrimaryKeyConstraint('automation_condition_states_pk', ['trigger_id', 'document_id'])
      .execute();
  },
};

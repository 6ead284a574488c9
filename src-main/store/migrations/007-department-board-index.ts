import type { Migration } from './migration';

/**
 * A department's board from one index: its column pages in the default order (department, stage, then the last
 * change) and its counts and sums, where the department index alone had each document looked up in the table, once
 * for the totals and again while walking every column. It replaces that index, whose lookups it still serves.
 */
export const departmentBoardIndex: Migration = {
  version: 7,
  name: 'department-board-index',
  async up(db) {
    await db.schema.dropIndex('documents_department').execute();
    await db.schema
      .createIndex('documents_department_board')
      .on('documents')
      .columns(['department', 'stage_id', 'updated_at', 'id', 'currency', 'amount_minor'])
      .execute();
  },
};

import type { CreateTableBuilder, Kysely } from 'kysely';
import { isPostgres } from '../dialect';

export { isPostgres };

/**
 * A numbered key that never reuses a number: SQLite's `integer primary key autoincrement` (what the shipped
 * migrations made, unchanged there), PostgreSQL's `bigserial` (Kysely's autoIncrement has no PostgreSQL form).
 * The pg driver returns int8 as a number (open-postgres.ts), so callers see a number on both.
 */
export function autoId<T extends string, C extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, C>, column: string): CreateTableBuilder<T, C> {
  if (isPostgres(db)) return table.addColumn(column, 'bigserial', (c) => c.primaryKey()) as CreateTableBuilder<T, C>;
  return table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()) as CreateTableBuilder<T, C>;
}

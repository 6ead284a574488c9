import { PostgresAdapter, type Kysely } from 'kysely';

/** The two backends of the server's store: the embedded SQLite file (the default) or PostgreSQL (DATABASE_URL). */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * Which backend a Kysely instance (or a transaction of one) talks to, read from its adapter: the migrations and the
 * few dialect-specific statements receive only `db`, and a transaction carries its parent's adapter.
 */
export function dialectOf<DB>(db: Kysely<DB>): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return dialectOf(db) === 'postgres';
}

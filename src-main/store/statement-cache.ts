import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; a query with an `in (…)` list is one text per list length, so the cache is bounded. */
export const statementCacheSize = 500;

/**
 * The database as Kysely's SqliteDialect sees it, but each SQL text is prepared once and its statement reused.
 * Kysely's driver prepares every query it runs; under the company server's load bench, compiling the same few dozen
 * statements again was about a fifth of the server's busy time during a burst of link openings. The least recently
 * used text is dropped past `size`. A statement still being iterated (a streamed query) is busy: one asked for then is
 * prepared afresh rather than taken from under it. better-sqlite3 prepares a cached statement again by itself when
 * the schema changes (a migration), so a kept one never runs against an old schema.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, size = statementCacheSize): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map keeps insertion order: moved to the end, it is the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (cached) return statement;
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

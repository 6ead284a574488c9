import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { openSqliteStore } from '../../src-main/store/open-sqlite';
import type { Migration } from '../../src-main/store/migrations/migration';
import type { StoreDialect } from './dialect';
import { listenFeed } from './feed-listener';
import { localFeedWake, type FeedWake } from './feed-wake';
import { serverMigrations } from './migrations';
import { openPostgresStore } from './open-postgres';
import type { ServerDatabase } from './schema';

/**
 * The server's store, on either backend. The data folder holds the files, uploads, server.json (and, on SQLite, the
 * store itself) whatever the backend. `feedWake` is what the live channels wait on: this process's own appends on
 * SQLite, every instance's (LISTEN/NOTIFY) on PostgreSQL.
 */
export interface ServerStore {
  db: Kysely<ServerDatabase>;
  dialect: StoreDialect;
  dataDir: string;
  feedWake: FeedWake;
  /** On SQLite only: the connection and its file, for tests and tools that read its pragmas or bytes. */
  sqlite?: BetterSqlite3.Database;
  file?: string;
  close(): Promise<void>;
}

export interface OpenServerStoreOptions {
  /** postgres://…: the store in that database; without it the SQLite file in the data folder. */
  databaseUrl?: string | undefined;
  migrations?: readonly Migration[];
}

/** The server's SQLite file in its data folder (`--data DIR`); next to it, later, its documents by SHA-256. */
export function serverStoreFile(dataDir: string): string {
  return path.join(dataDir, 'signet-server.sqlite');
}

/**
 * SQLite: through the same opener as the desktop's store (WAL, foreign keys, full sync, one transaction per upgrade,
 * newer files refused). PostgreSQL: open-postgres.ts, the same migrations, and a LISTEN connection for the feed.
 */
export async function openServerStore(dataDir: string, options: OpenServerStoreOptions = {}): Promise<ServerStore> {
  const migrations = options.migrations ?? serverMigrations;
  if (!options.databaseUrl) {
    const sqlite = await openSqliteStore<ServerDatabase>(serverStoreFile(dataDir), migrations);
    return { db: sqlite.db, dialect: 'sqlite', dataDir, feedWake: localFeedWake, sqlite: sqlite.sqlite, file: sqlite.file, close: () => sqlite.close() };
  }
  const db = await openPostgresStore<ServerDatabase>(options.databaseUrl, migrations);
  const listener = await listenFeed(options.databaseUrl).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  return {
    db,
    dialect: 'postgres',
    dataDir,
    feedWake: listener.wake,
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}

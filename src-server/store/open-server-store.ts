import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src-main/store/open-sqlite';
import type { Migration } from '../../src-main/store/migrations/migration';
import { serverMigrations } from './migrations';
import type { ServerDatabase } from './schema';

export type ServerStore = SqliteStore<ServerDatabase>;

/** The server's SQLite file in its data folder (`--data DIR`); next to it, later, its documents by SHA-256. */
export function serverStoreFile(dataDir: string): string {
  return path.join(dataDir, 'signet-server.sqlite');
}

/** Through the same opener as the desktop's store: WAL, foreign keys, full sync, one transaction per upgrade, newer files refused. */
export function openServerStore(dataDir: string, migrations: readonly Migration[] = serverMigrations): Promise<ServerStore> {
  return openSqliteStore<ServerDatabase>(serverStoreFile(dataDir), migrations);
}

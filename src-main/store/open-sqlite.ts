import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { checkMigrationOrder, type Migration } from './migrations/migration';
import { withStatementCache } from './statement-cache';

/** An open SQLite store of schema `DB`: the desktop's (`Store`) and the company server's share this shape and its opener. */
export interface SqliteStore<DB> {
  db: Kysely<DB>;
  sqlite: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenSqliteOptions {
  /** A better-sqlite3 binary built for another runtime's ABI (Electron in development, see scripts/lib/electron-native.mjs). */
  nativeBinding?: string | undefined;
}

/**
 * Opens (creating if needed) an SQLite store and brings its schema up to date through `list` in one transaction.
 * A database written by a newer Signet is refused before anything is written to it, so a downgrade never damages it.
 * One opener for every store (the desktop's, the company server's), so WAL, foreign keys, full sync and the refusal
 * of newer files hold for each; a store differs only in its schema type and its ordered migration list.
 */
export async function openSqliteStore<DB>(file: string, list: readonly Migration[], options: OpenSqliteOptions = {}): Promise<SqliteStore<DB>> {
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const target = list.length;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) refuseNewer(file, target);

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, driverOptions);
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw unavailable(file, error);
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // What is scrubbed (a sent one-time code, a signing link's token) or deleted is zeroed, not left in freed pages of the file.
  sqlite.pragma('secure_delete = ON');

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const store: SqliteStore<DB> = { db, sqlite, file, close: () => db.destroy() };
  try {
    await migrate(store, list);
  } catch (error) {
    await store.close();
    throw error instanceof AppError ? error : unavailable(file, error);
  }
  return store;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the schema version from the database header itself (bytes 60–63) rather than opening the file with SQLite:
 * even a read-only open of a WAL database creates -wal and -shm files, and a refused file must be left exactly as it
 * was. A version still sitting in an unmerged WAL is caught again after opening (see migrate).
 */
function refuseNewer(file: string, supported: number): void {
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw unavailable(file, error);
  }
  if (read === 0) return; // an empty file is a new database
  if (read < 100 || !header.subarray(0, 16).equals(sqliteMagic)) throw unavailable(file, new Error('not an SQLite database'));
  const found = header.readUInt32BE(60);
  if (found > supported) throw newerVersion(file, found, supported);
}

function newerVersion(file: string, found: number, supported: number): AppError {
  return new AppError('STORE_NEWER_VERSION', 'errors.storeNewerVersion', { file, found, supported });
}

async function migrate<DB>(store: SqliteStore<DB>, list: readonly Migration[]): Promise<void> {
  checkMigrationOrder(list);
  const current = store.sqlite.pragma('user_version', { simple: true }) as number;
  if (current > list.length) throw newerVersion(store.file, current, list.length);
  const pending = list.slice(current);
  if (pending.length === 0) return;
  // All pending steps and the version bump commit together: a crash leaves the previous schema, never half of one.
  await store.db.transaction().execute(async (trx) => {
    for (const m of pending) await m.up(trx as unknown as Kysely<unknown>);
    await sql.raw(`PRAGMA user_version = ${Math.trunc(list.length)}`).execute(trx);
  });
}

function unavailable(file: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('STORE_UNAVAILABLE', 'errors.storeUnavailable', { file, reason });
}

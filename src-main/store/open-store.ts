import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { latestVersion, migrations } from './migrations';
import type { Migration } from './migrations/migration';
import type { Database } from './schema';

export interface Store {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Defaults to every known migration; tests pass a prefix to build an old database. */
  migrations?: readonly Migration[];
  /** A better-sqlite3 binary built for another runtime's ABI (Electron in development, see scripts/lib/electron-native.mjs). */
  nativeBinding?: string | undefined;
}

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date in one transaction.
 * A database written by a newer Signet is refused before anything is written to it, so a downgrade never damages it.
 */
export async function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const list = options.migrations ?? migrations;
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const target = list.length;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) refuseNewer(file, target, driverOptions);

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

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const store: Store = { db, sqlite, file, close: () => db.destroy() };
  try {
    await migrate(store, list);
  } catch (error) {
    await store.close();
    throw error instanceof AppError ? error : unavailable(file, error);
  }
  return store;
}

function refuseNewer(file: string, supported: number, driverOptions: BetterSqlite3.Options): void {
  let found: number;
  try {
    const probe = new BetterSqlite3(file, { ...driverOptions, readonly: true, fileMustExist: true });
    try {
      found = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch (error) {
    throw unavailable(file, error);
  }
  if (found > supported) {
    throw new AppError('STORE_NEWER_VERSION', 'errors.storeNewerVersion', { file, found, supported });
  }
}

async function migrate(store: Store, list: readonly Migration[]): Promise<void> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of order: version ${m.version} at position ${i + 1}`);
  });
  const current = store.sqlite.pragma('user_version', { simple: true }) as number;
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

export { latestVersion };

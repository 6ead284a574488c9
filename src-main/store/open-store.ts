import { latestVersion, migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { openSqliteStore, type OpenSqliteOptions, type SqliteStore } from './open-sqlite';
import type { Database } from './schema';

export type Store = SqliteStore<Database>;

export interface OpenStoreOptions extends OpenSqliteOptions {
  /** Defaults to every known migration; tests pass a prefix to build an old database. */
  migrations?: readonly Migration[];
}

/**
 * The desktop's store in the user-data folder, at the desktop's migrations (or the prefix a test passes). The opening
 * itself (WAL, foreign keys, full sync, one transaction per upgrade, newer files refused) is shared with the company
 * server's store: see open-sqlite.ts.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  return openSqliteStore<Database>(file, options.migrations ?? migrations, options);
}

export { latestVersion };

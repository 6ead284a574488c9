import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../src-shared/contract/errors';
import { checkMigrationOrder, type Migration } from '../../src-main/store/migrations/migration';

/**
 * int8 (bigserial keys, count(*)) and numeric arrive from pg as text, to be safe past 2^53; the store's numbers
 * (feed positions, counts, sizes) stay far below it, and the code reads them as numbers, as SQLite returns them.
 */
const numberTypes = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (numberTypes.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** Any fixed number: the lock's key among this database's advisory locks, held only while migrating. */
const migrationLock = 0x5349474e; // "SIGN"

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Opens a pool on `databaseUrl` and brings the schema up to date. All pending migrations and the version row commit
 * in one transaction under a transaction-scoped advisory lock, so two instances starting together migrate once: the
 * second waits, then finds nothing pending. A database written by a newer server is refused before anything changes.
 */
export async function openPostgresStore<DB>(databaseUrl: string, list: readonly Migration[]): Promise<Kysely<DB>> {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, types, max: 10 }) }) });
  try {
    await migrate(db as unknown as Kysely<unknown>, list, databaseUrl);
  } catch (error) {
    await db.destroy();
    throw error instanceof AppError ? error : new AppError('STORE_UNAVAILABLE', 'errors.storeUnavailable', { file: redactedUrl(databaseUrl), reason: error instanceof Error ? error.message : String(error) });
  }
  return db;
}

async function migrate(db: Kysely<unknown>, list: readonly Migration[], databaseUrl: string): Promise<void> {
  checkMigrationOrder(list);
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${migrationLock})`.execute(trx);
    await sql`create table if not exists signet_schema (version integer not null)`.execute(trx);
    const row = await sql<{ version: number }>`select version from signet_schema`.execute(trx);
    const current = row.rows[0]?.version ?? 0;
    if (current > list.length) throw new AppError('STORE_NEWER_VERSION', 'errors.storeNewerVersion', { file: redactedUrl(databaseUrl), found: current, supported: list.length });
    if (current === list.length) return;
    for (const m of list.slice(current)) await m.up(trx);
    if (row.rows.length === 0) await sql`insert into signet_schema (version) values (${list.length})`.execute(trx);
    else await sql`update signet_schema set version = ${list.length}`.execute(trx);
  });
}

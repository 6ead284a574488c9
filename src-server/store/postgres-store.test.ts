import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir } from '../../src-main/test-support/temp-services';
import { createPostgresDatabase } from '../test-support/postgres';
import { serverSchemaVersion } from './migrations';
import { openServerStore, type ServerStore } from './open-server-store';
import { ensureServerId } from './server-settings';

interface Column {
  table: string;
  column: string;
  notNull: boolean;
}

/** Every table's columns in SQLite, as pragma table_info reports them (a primary key counts as not null, as on PostgreSQL). */
async function sqliteColumns(store: ServerStore): Promise<Column[]> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(store.db);
  const columns: Column[] = [];
  for (const { name } of tables.rows) {
    const info = await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${name})`.execute(store.db);
    for (const c of info.rows) columns.push({ table: name, column: c.name, notNull: c.notnull === 1 || c.pk > 0 });
  }
  return sorted(columns);
}

async function postgresColumns(store: ServerStore): Promise<Column[]> {
  const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = 'public' and table_name <> 'signet_schema'`.execute(store.db);
  return sorted(rows.rows.map((r) => ({ table: r.table_name, column: r.column_name, notNull: r.is_nullable === 'NO' })));
}

const sorted = (columns: Column[]) => columns.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));

async function postgresStore(): Promise<{ url: string; store: ServerStore }> {
  const url = await createPostgresDatabase('schema');
  return { url, store: await openServerStore(tempDir('signet-pg-store-'), { databaseUrl: url }) };
}

describe('the server store on PostgreSQL', () => {
  it('has, after every migration, the same tables and columns (names, nullability) as on SQLite', async () => {
    const lite = await openServerStore(tempDir('signet-server-store-'));
    const { store: pg } = await postgresStore();
    try {
      expect(lite.dialect).toBe('sqlite');
      expect(pg.dialect).toBe('postgres');
      const liteColumns = await sqliteColumns(lite);
      expect(liteColumns.length).toBeGreaterThan(100);
      expect(await postgresColumns(pg)).toEqual(liteColumns);
      const version = await sql<{ version: number }>`select version from signet_schema`.execute(pg.db);
      expect(version.rows).toEqual([{ version: serverSchemaVersion }]);
    } finally {
      await lite.close();
      await pg.close();
    }
  });

  it('keeps the constraints the migrations wrote: the declined state (008), numbered feed rows, CHECKs and references', async () => {
    const { store } = await postgresStore();
    try {
      const at = new Date().toISOString();
      await store.db.insertInto('devices').values({ id: 'dev', name: 'Laptop', token_hash: 'h', created_at: at, last_seen_at: null, revoked_at: null }).execute();
      const doc = { id: 'doc', device_id: 'dev', desktop_document_id: 'd1', title: 'NDA', number: '1', company_name: 'Zakłady', signing_order: 'parallel', file_sha256: 'f', layout: '[]', message: null, expires_at: at, created_at: at, updated_at: at };
      await store.db.insertInto('published_documents').values({ ...doc, state: 'declined' }).execute();
      await expect(store.db.insertInto('published_documents').values({ ...doc, id: 'doc2', desktop_document_id: 'd2', state: 'lost' }).execute()).rejects.toThrow(/check constraint/);
      const feed = { device_id: 'dev', document_id: 'doc', signer_id: null, type: 'sealed', at, details: '{}' };
      const first = await store.db.insertInto('document_feed').values(feed).returning('seq').executeTakeFirstOrThrow();
      const second = await store.db.insertInto('document_feed').values(feed).returning('seq').executeTakeFirstOrThrow();
      expect(typeof first.seq).toBe('number');
      expect(second.seq).toBe(first.seq + 1);
      await expect(store.db.insertInto('document_feed').values({ ...feed, document_id: 'nowhere' }).execute()).rejects.toThrow(/foreign key/);
      const count = await store.db.selectFrom('document_feed').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(2);
      expect(await ensureServerId(store.db)).toBe(await ensureServerId(store.db));
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer server, and leaves it as it was', async () => {
    const { url, store } = await postgresStore();
    await sql`update signet_schema set version = ${serverSchemaVersion + 1}`.execute(store.db);
    await store.close();
    const error = await openServerStore(tempDir('signet-pg-store-'), { databaseUrl: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_NEWER_VERSION');
    expect((error as AppError).details).toMatchObject({ found: serverSchemaVersion + 1, supported: serverSchemaVersion });
    const reopened = await openServerStore(tempDir('signet-pg-store-'), { databaseUrl: url, migrations: [] }).catch((e: unknown) => e);
    expect((reopened as AppError).code).toBe('STORE_NEWER_VERSION');
  });

  it('is migrated once when two instances open it at the same moment', async () => {
    const url = await createPostgresDatabase('race');
    const stores = await Promise.all([0, 1, 2].map(() => openServerStore(tempDir('signet-pg-store-'), { databaseUrl: url })));
    try {
      const version = await sql<{ version: number }>`select version from signet_schema`.execute(stores[0]!.db);
      expect(version.rows).toEqual([{ version: serverSchemaVersion }]);
      // Migration 010 makes one built-in Administrator: made once, not once per opener.
      expect(await stores[1]!.db.selectFrom('accounts').select('name').execute()).toEqual([{ name: 'Administrator' }]);
      expect(await stores[2]!.db.selectFrom('sync_counter').selectAll().execute()).toEqual([{ id: 1, last: 0 }]);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});

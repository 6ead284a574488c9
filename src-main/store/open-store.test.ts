import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir } from '../test-support/temp-services';
import { migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { latestVersion, openStore } from './open-store';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const tables = (db: BetterSqlite3.Database) =>
  // FTS5's own shadow tables (documents_fts_data, …) are the virtual table's business, not the schema's.
  (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts_%' order by name").all() as { name: string }[]).map((r) => r.name);

describe('openStore', () => {
  it('creates a fresh store at the latest version with WAL, foreign keys and full sync', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    const store = await openStore(file);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    expect(tables(store.sqlite)).toEqual(['automation_condition_states', 'automation_jobs', 'automation_rules', 'automation_triggers', 'board_views', 'company', 'company_certificates', 'contacts', 'document_events', 'document_fields', 'document_signers', 'document_stages', 'document_tags', 'documents', 'documents_fts', 'files', 'notices', 'number_counters', 'otp_challenges', 'outbox', 'permission_changes', 'publish_jobs', 'role_assignments', 'roles', 'server_automation_runs', 'server_signature_jobs', 'settings', 'signer_values', 'sync_applying', 'sync_conflicts', 'sync_dirty', 'sync_fields', 'sync_outbox', 'sync_pending', 'templates', 'trust_anchors', 'users']);
    await store.close();
  });

  it('upgrades a database built by the first migration alone and keeps its rows', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    const old = await openStore(file, { migrations: migrations.slice(0, 1) });
    expect(old.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(old.sqlite)).not.toContain('documents');
    old.sqlite
      .prepare(
        `insert into contacts (id, kind, first_name, last_name, country, search_text, sort_name, sort_company, created_at, updated_at)
         values ('c1', 'client', 'Anna', 'Nowak', 'PL', 'anna nowak', 'nowak anna', '', '2026-01-01', '2026-01-01')`,
      )
      .run();
    await old.close();

    const upgraded = await openStore(file);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(tables(upgraded.sqlite)).toContain('document_signers');
    const kept = await upgraded.db.selectFrom('contacts').select(['id', 'last_name']).execute();
    expect(kept).toEqual([{ id: 'c1', last_name: 'Nowak' }]);
    expect(upgraded.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(upgraded.sqlite.pragma('foreign_key_check')).toEqual([]);
    await upgraded.close();
  });

  it('refuses a database written by a newer version and leaves the file byte for byte as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'signet.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec("create table future (x text); insert into future values ('kept')");
    raw.pragma(`user_version = ${latestVersion + 3}`);
    raw.close();
    const before = sha(file);

    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_NEWER_VERSION');
    expect((error as AppError).details).toMatchObject({ found: latestVersion + 3, supported: latestVersion });
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['signet.sqlite']);
  });

  it('refuses a newer WAL-mode store without creating its -wal or -shm files', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'signet.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.exec("create table future (x text); insert into future values ('kept')");
    raw.pragma(`user_version = ${latestVersion + 1}`);
    raw.close();
    expect(fs.readdirSync(dir)).toEqual(['signet.sqlite']);
    const before = sha(file);
    const error = await openStore(file).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('STORE_NEWER_VERSION');
    expect(fs.readdirSync(dir)).toEqual(['signet.sqlite']);
    expect(sha(file)).toBe(before);
  });

  it('applies pending migrations in one transaction: a failing step leaves the previous schema whole', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    (await openStore(file, { migrations: migrations.slice(0, 1) })).close();
    const failing: Migration = {
      version: latestVersion + 1,
      name: 'breaks half way',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('x', 'text').execute();
        await sql`insert into no_such_table values (1)`.execute(db);
      },
    };
    const error = await openStore(file, { migrations: [...migrations, failing] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_UNAVAILABLE');
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(check)).not.toContain('half_done');
    expect(tables(check)).not.toContain('documents');
    check.close();
  });

  it('reports a file that is not a database as unavailable instead of overwriting it', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    fs.writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(100));
    const before = sha(file);
    const error = await openStore(file).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('STORE_UNAVAILABLE');
    expect(sha(file)).toBe(before);
  });
});

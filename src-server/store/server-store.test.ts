import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir } from '../../src-main/test-support/temp-services';
import { serverSchemaVersion } from './migrations';
import { openServerStore, serverStoreFile } from './open-server-store';
import { ensureServerId } from './server-settings';

describe('the server store', () => {
  it('is created at its own schema version, through the desktop store opener (WAL, foreign keys, full sync)', async () => {
    const dataDir = tempDir('signet-server-store-');
    const store = await openServerStore(dataDir);
    expect(store.file).toBe(serverStoreFile(dataDir));
    expect(store.sqlite!.pragma('user_version', { simple: true })).toBe(serverSchemaVersion);
    expect(store.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
    const tables = store.sqlite!.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(['accounts', 'automation_condition_states', 'automation_jobs', 'devices', 'document_feed', 'enrolment_codes', 'otp_challenges', 'outbox', 'pairing_codes', 'pairing_failures', 'portal_events', 'portal_sessions', 'published_documents', 'published_signers', 'published_values', 'request_counts', 'server_settings', 'signing_links', 'sync_counter', 'sync_entries', 'upload_chunks', 'uploads']);

    const id = await ensureServerId(store.db);
    expect(await ensureServerId(store.db)).toBe(id);
    await store.close();
    const reopened = await openServerStore(dataDir);
    expect(await ensureServerId(reopened.db)).toBe(id);
    await reopened.close();
  });

  it('refuses a store written by a newer server and leaves it as it was', async () => {
    const dataDir = tempDir('signet-server-store-');
    const raw = new BetterSqlite3(serverStoreFile(dataDir));
    raw.pragma(`user_version = ${serverSchemaVersion + 1}`);
    raw.close();
    const before = fs.readFileSync(serverStoreFile(dataDir));
    const error = await openServerStore(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_NEWER_VERSION');
    expect(fs.readFileSync(serverStoreFile(dataDir)).equals(before)).toBe(true);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-services';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 009 (document fields)', () => {
  it('adds one fields row per document to a store of version 8, removed with its document', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    const old = await openStore(file, { migrations: migrations.slice(0, 8) });
    old.sqlite.exec(`
      insert into users (id, name, is_admin, is_signer, created_at) values ('u1', 'Anna', 1, 1, '2026-01-01');
      insert into files (sha256, size, media_type, created_at) values ('f', 1, 'application/pdf', '2026-01-01');
      insert into documents (id, title, number, original_sha256, original_name, owner_id, created_at, updated_at)
        values ('d1', 'Umowa', 'N1', 'f', 'a.pdf', 'u1', '2026-01-01', '2026-01-01');
    `);
    await old.close();

    const store = await openStore(file, { migrations: migrations.slice(0, 9) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(9);
    const row = { content: '{"layout":{"fields":[]},"values":{}}', updated_at: '2026-01-02', updated_by: 'u1' };
    await store.db.insertInto('document_fields').values({ ...row, document_id: 'd1' }).execute();
    await expect(store.db.insertInto('document_fields').values({ ...row, document_id: 'd1' }).execute()).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(store.db.insertInto('document_fields').values({ ...row, document_id: 'nope' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    store.sqlite.exec(`delete from document_events; delete from documents where id = 'd1'`);
    expect(await store.db.selectFrom('document_fields').selectAll().execute()).toEqual([]);
    await store.close();
  });
});

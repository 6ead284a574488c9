import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 009 (document fields)', () => {
  it('adds one fields row per document to a store of version 8, removed with its document', async () => {
    const file = await storeFileWithOneDocument(8);
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

import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 013 (templates)', () => {
  it('adds templates to a store of version 12: names unique, the file and the author must exist, the file kept while a template uses it', async () => {
    const file = await storeFileWithOneDocument(12);
    const store = await openStore(file, { migrations: migrations.slice(0, 13) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(13);
    const row = {
      name: 'Umowa NDA',
      name_key: 'umowa nda',
      file_sha256: 'f',
      original_name: 'a.pdf',
      content: '{"layout":{"fields":[]},"values":{}}',
      company_signers: '["u1"]',
      counterparty_roles: 1,
      send_message: null,
      send_language: null,
      reminder_days: null,
      expiry_days: null,
      created_by: 'u1',
      created_at: '2026-01-02',
      updated_at: '2026-01-02',
    };
    await store.db.insertInto('templates').values({ ...row, id: 't1' }).execute();
    await expect(store.db.insertInto('templates').values({ ...row, id: 't2', name: 'UMOWA NDA' }).execute()).rejects.toThrow(/UNIQUE constraint failed: templates\.name_key/);
    await expect(store.db.insertInto('templates').values({ ...row, id: 't3', name_key: 'b', file_sha256: 'nope' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await expect(store.db.insertInto('templates').values({ ...row, id: 't4', name_key: 'c', created_by: 'nobody' }).execute()).rejects.toThrow(/FOREIGN KEY/);

    // The document it came from can go; its file cannot while the template points at it.
    store.sqlite.exec(`delete from document_events; delete from documents where id = 'd1'`);
    expect(() => store.sqlite.exec(`delete from files where sha256 = 'f'`)).toThrow(/FOREIGN KEY/);
    store.sqlite.exec(`delete from templates; delete from files where sha256 = 'f'`);
    expect(await store.db.selectFrom('files').select('sha256').execute()).toEqual([]);
    await store.close();
  });
});

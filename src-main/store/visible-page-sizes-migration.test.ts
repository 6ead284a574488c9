import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 014 (page sizes of the visible page)', () => {
  it('forgets the page sizes a store of version 13 recorded, keeping the page counts and the files', async () => {
    const file = await storeFileWithOneDocument(13);
    const old = await openStore(file, { migrations: migrations.slice(0, 13) });
    await old.db.updateTable('files').set({ page_count: 2, page_sizes: '[{"width":595,"height":842},{"width":595,"height":842}]' }).execute();
    await old.close();

    const store = await openStore(file, { migrations: migrations.slice(0, 14) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(14);
    expect(await store.db.selectFrom('files').select(['sha256', 'page_count', 'page_sizes']).execute()).toEqual([{ sha256: 'f', page_count: 2, page_sizes: null }]);
    await store.close();
  });
});

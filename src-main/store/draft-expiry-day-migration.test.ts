import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 012 (a Draft’s deadline day)', () => {
  it('adds send_expires_on to a store of version 11, empty for the documents already there, and leaves expires_at alone', async () => {
    const file = await storeFileWithOneDocument(11);
    const store = await openStore(file, { migrations: migrations.slice(0, 12) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(12);
    expect(await store.db.selectFrom('documents').select(['id', 'send_expires_on', 'expires_at']).execute()).toEqual([{ id: 'd1', send_expires_on: null, expires_at: null }]);
    await store.db.updateTable('documents').set({ send_expires_on: '2030-05-31' }).where('id', '=', 'd1').execute();
    expect(await store.db.selectFrom('documents').select(['send_expires_on', 'expires_at']).executeTakeFirst()).toEqual({ send_expires_on: '2030-05-31', expires_at: null });
    await store.close();
  });
});

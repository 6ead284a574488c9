import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 008 (outbox)', () => {
  it('adds the outbox to a store of version 7, keeps its documents, and ties messages to them', async () => {
    const file = await storeFileWithOneDocument(7);
    const store = await openStore(file, { migrations: migrations.slice(0, 8) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(8);
    const row = { channel: 'email', recipient: 'a@example.pl', text: 't', purpose: 'signingLink', status: 'queued', next_attempt_at: '2026-01-01T00:00:00.000Z', created_at: '2026-01-01T00:00:00.000Z' } as const;
    await store.db.insertInto('outbox').values({ ...row, id: 'm1', idempotency_key: 'k1', document_id: 'd1' }).execute();
    // One message per key: a second enqueue of the same message is refused by the store itself.
    await expect(store.db.insertInto('outbox').values({ ...row, id: 'm2', idempotency_key: 'k1' }).execute()).rejects.toThrow(/UNIQUE/);
    await expect(store.db.insertInto('outbox').values({ ...row, id: 'm3', idempotency_key: 'k3', status: 'lost' as never }).execute()).rejects.toThrow(/CHECK/);
    await expect(store.db.insertInto('outbox').values({ ...row, id: 'm4', idempotency_key: 'k4', document_id: 'nope' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    const kept = await store.db.selectFrom('outbox').select(['id', 'attempts', 'attachments', 'unconfirmed', 'document_id']).execute();
    expect(kept).toEqual([{ id: 'm1', attempts: 0, attachments: '[]', unconfirmed: 0, document_id: 'd1' }]);
    const plan = store.sqlite.prepare("explain query plan select id from outbox where status = 'queued' and next_attempt_at <= ? order by next_attempt_at limit 1").all('2026-02-01') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX outbox_due/);
    expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    await store.close();
  });
});

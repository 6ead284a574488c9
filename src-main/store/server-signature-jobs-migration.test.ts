import { describe, expect, it } from 'vitest';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 017 (signatures reported to the company server)', () => {
  it('adds an empty job table to a store of version 16: one job per signer of a document, gone with the document', async () => {
    const file = await storeFileWithOneDocument(16);
    const store = await openStore(file, { migrations: migrations.slice(0, 17) });
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(17);
    expect(await store.db.selectFrom('server_signature_jobs').selectAll().execute()).toEqual([]);

    const signer = await store.db.insertInto('document_signers').values({ document_id: 'd1', user_id: 'u1', side: 'company', position: 0 }).returning('id').executeTakeFirstOrThrow();
    const job = { document_id: 'd1', signer_id: signer.id, status: 'pending', next_attempt_at: '2026-01-02', last_error: null, created_at: '2026-01-02', updated_at: '2026-01-02' };
    await store.db.insertInto('server_signature_jobs').values(job).execute();
    await expect(store.db.insertInto('server_signature_jobs').values(job).execute()).rejects.toThrow(/UNIQUE/);
    expect(await store.db.selectFrom('server_signature_jobs').select(['signer_id', 'status', 'attempts']).execute()).toEqual([{ signer_id: signer.id, status: 'pending', attempts: 0 }]);

    await store.db.deleteFrom('documents').where('id', '=', 'd1').execute();
    expect(await store.db.selectFrom('server_signature_jobs').selectAll().execute()).toEqual([]);
    await store.close();
  });
});

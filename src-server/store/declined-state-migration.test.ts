import { describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { serverMigrations } from './migrations';
import { openServerStore, type ServerStore } from './open-server-store';

const at = '2026-05-04T08:00:00.000Z';

/** A store of version 7 with one of each row the rebuilt family holds, the numbered tables a few rows in. */
async function storeAtVersion7(dataDir: string): Promise<void> {
  const store = await openServerStore(dataDir, { migrations: serverMigrations.slice(0, 7) });
  const db = store.db;
  await db.insertInto('devices').values({ id: 'dev', name: 'Recepcja', token_hash: 'h', created_at: at, last_seen_at: null, revoked_at: null }).execute();
  await db
    .insertInto('published_documents')
    .values({ id: 'doc', device_id: 'dev', desktop_document_id: 'd1', title: 'Umowa', number: 'UM/1', company_name: 'Zakłady', signing_order: 'parallel', file_sha256: 'f'.repeat(64), layout: '{"fields":[]}', message: null, state: 'open', expires_at: at, created_at: at, updated_at: at, preset_values: '{"a":"b"}' })
    .execute();
  await db
    .insertInto('published_signers')
    .values({ id: 'sig', document_id: 'doc', desktop_signer_id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan', email: 'jan@example.pl', phone: null, channel: 'email', language: 'pl', status: 'waiting', position: 0, country: 'PL' })
    .execute();
  await db.insertInto('otp_challenges').values({ id: 'otp', signer_id: 'sig', channel: 'email', salt: 's', code_hash: 'c', created_at: at, expires_at: at, attempts: 5, state: 'locked' }).execute();
  await db.insertInto('signing_links').values({ id: 'link', document_id: 'doc', signer_id: 'sig', token_hash: 'th', channel: 'email', message_state: 'queued', expires_at: at, created_at: at, released_at: at, revoked_at: null }).execute();
  await db.insertInto('portal_sessions').values({ token_hash: 'st', link_id: 'link', created_at: at, expires_at: at }).execute();
  for (const type of ['viewed', 'codeSent', 'codePassed']) {
    await db.insertInto('portal_events').values({ document_id: 'doc', signer_id: 'sig', link_id: 'link', type, at, ip: '127.0.0.1', user_agent: null, details: '{}' }).execute();
  }
  await db.insertInto('published_values').values({ signer_id: 'sig', field_id: 'city', value: '"Łódź"' }).execute();
  for (const type of ['viewed', 'codeSent', 'codePassed', 'locked']) await db.insertInto('document_feed').values({ device_id: 'dev', document_id: 'doc', signer_id: 'sig', type, at, details: '{}' }).execute();
  // The last feed row went (say, with a document removed): its number is still not to be given again.
  await db.deleteFrom('document_feed').where('type', '=', 'locked').execute();
  await store.close();
}

const countAll = async (store: ServerStore) =>
  Object.fromEntries(
    await Promise.all(
      (['published_documents', 'published_signers', 'otp_challenges', 'signing_links', 'portal_sessions', 'portal_events', 'published_values', 'document_feed'] as const).map(async (t) => [t, (await store.db.selectFrom(t).selectAll().execute()).length] as const),
    ),
  );

describe('migration 008 (the declined state)', () => {
  it('lets a published document be declined, keeping every row of it and its dependants, the other constraints and the feed numbers', async () => {
    const dataDir = tempDir('signet-server-store-');
    await storeAtVersion7(dataDir);
    const store = await openServerStore(dataDir, { migrations: serverMigrations.slice(0, 8) });
    expect(store.sqlite!.pragma('user_version', { simple: true })).toBe(8);
    expect(await countAll(store)).toEqual({ published_documents: 1, published_signers: 1, otp_challenges: 1, signing_links: 1, portal_sessions: 1, portal_events: 3, published_values: 1, document_feed: 3 });
    expect(await store.db.selectFrom('published_documents').select(['state', 'preset_values']).executeTakeFirstOrThrow()).toEqual({ state: 'open', preset_values: '{"a":"b"}' });
    expect(store.sqlite!.pragma('foreign_key_check')).toEqual([]);

    await store.db.updateTable('published_documents').set({ state: 'declined' }).execute();
    await expect(store.db.updateTable('published_documents').set({ state: 'lost' }).execute()).rejects.toThrow(/CHECK/);
    await expect(store.db.updateTable('signing_links').set({ message_state: 'lost' }).execute()).rejects.toThrow(/CHECK/);
    // The references still hold and still cascade: a row with no parent is refused, a removed document takes its rows.
    await expect(store.db.insertInto('published_values').values({ signer_id: 'nobody', field_id: 'x', value: '1' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    const next = await store.db.insertInto('document_feed').values({ device_id: 'dev', document_id: 'doc', signer_id: null, type: 'declined', at, details: '{}' }).returning('seq').executeTakeFirstOrThrow();
    expect(next.seq).toBe(5);
    const indexes = store.sqlite!.prepare("select name from sqlite_master where type = 'index' and sql is not null and tbl_name in ('otp_challenges', 'signing_links', 'portal_events', 'document_feed') order by name").all();
    expect(indexes).toEqual([{ name: 'document_feed_device' }, { name: 'otp_challenges_signer' }, { name: 'portal_events_document' }, { name: 'signing_links_document' }]);
    expect(store.sqlite!.prepare("select count(*) as n from sqlite_master where name like '%__rebuilt'").get()).toEqual({ n: 0 });

    await store.db.deleteFrom('published_documents').execute();
    expect(Object.values(await countAll(store)).every((n) => n === 0)).toBe(true);
    await store.close();
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { publishResponseSchema, uploadChunkContentType, uploadStateSchema, type PublishRequest } from '../../src-shared/company-server/publish';
import { silentLog } from '../../src-main/app/log';
import { loadServerDelivery } from '../config/server-config';
import { createServerOutbox, type ServerOutbox } from '../delivery/server-outbox';
import { sha256Hex } from '../pairing/secrets';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';
import type { ServerStore } from '../store/open-server-store';
import type { LinkMessage } from './link-messages';
import { linkTokenBytes } from './link-tokens';

/** Publishing over real HTTP against the real store; the links' messages caught where the outbox would take them. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup() {
  const sent: LinkMessage[] = [];
  const server = await startTestServer({ publicUrl: 'https://sign.example.com', linkOutbox: async (_trx, message) => void sent.push(message) });
  servers.push(server);
  return { server, device: await pairDevice(server), sent };
}

async function uploaded(device: PairedDevice, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const started = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size: bytes.length }) })).json());
  const done = await device.fetch(`/api/v1/uploads/${started.uploadId}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': '0' }, body: bytes });
  expect(done.status).toBe(200);
  return sha256;
}

const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString();

function request(fileSha256: string, patch: Partial<PublishRequest> = {}): PublishRequest {
  return {
    documentId: '0b6f9a52-6c1e-4d7e-9f3a-2b1c0d9e8f7a',
    title: 'Umowa o zachowaniu poufności',
    number: 'UM/2026/03/0007',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256,
    layout: { fields: [{ id: 'f1', kind: 'signature', page: 0, rect: { x: 50, y: 50, width: 180, height: 50 }, signerId: 'counterparty-1', required: true }] },
    signers: [
      { id: '11', ref: 'company-1', side: 'company', name: 'Anna Nowak', channel: 'app', language: 'pl' },
      { id: '12', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' },
      { id: '13', ref: 'counterparty-2', side: 'counterparty', name: 'Emma Brown', phone: '+48601234567', channel: 'sms', language: 'en' },
    ],
    order: 'parallel',
    expiresAt: inTwoWeeks,
    message: 'Proszę o podpis.',
    ...patch,
  };
}

const publish = (device: PairedDevice, body: unknown) => device.fetch('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const tokenOf = (message: LinkMessage) => /https:\/\/sign\.example\.com\/s\/([A-Za-z0-9_-]+)/.exec(message.text)![1]!;

describe('POST /api/v1/documents', () => {
  it('creates the document, its signers and one link per remote signer, each message through the outbox; a retry returns the same and sends nothing more', async () => {
    const { server, device, sent } = await setup();
    const sha256 = await uploaded(device, randomBytes(5000));
    const first = await publish(device, request(sha256));
    expect(first.status).toBe(200);
    const answer = publishResponseSchema.parse(await first.json());
    expect(answer).toMatchObject({ documentId: request(sha256).documentId, state: 'open' });
    expect(answer.links.map((l) => [l.signerId, l.channel, l.message])).toEqual([
      ['12', 'email', 'queued'],
      ['13', 'sms', 'queued'],
    ]);
    expect(sent.map((m) => [m.channel, m.to, m.purpose])).toEqual([
      ['email', 'jan@example.pl', 'signingLink'],
      ['sms', '+48601234567', 'signingLink'],
    ]);
    // The e-mail in the signer's language with the link as its button; the SMS short, with the same kind of link.
    expect(sent[0]!.subject).toContain('Umowa o zachowaniu poufności');
    expect(sent[0]!.html).toContain(`https://sign.example.com/s/${tokenOf(sent[0]!)}`);
    expect(sent[1]!.text).toMatch(/^Zakłady Łódzkie Sp\. z o\.o\. asks you to sign “Umowa o zachowaniu poufności”: https:\/\/sign\.example\.com\/s\/\S+ \(valid until /);
    // The preparer's personal message reaches both, as the reminder e-mail carries it (here no preparer named: the company).
    expect(sent[0]!.text).toContain('Zakłady Łódzkie Sp. z o.o. pisze: Proszę o podpis.');
    expect(sent[0]!.html).toContain('Proszę o podpis.');
    expect(sent[1]!.text).toMatch(/\) Zakłady Łódzkie Sp\. z o\.o\.: “Proszę o podpis\.”$/);

    const again = publishResponseSchema.parse(await (await publish(device, request(sha256))).json());
    expect(again).toEqual(answer);
    expect(sent).toHaveLength(2);
    expect(await server.store.db.selectFrom('signing_links').select('id').execute()).toHaveLength(2);
    expect(await server.store.db.selectFrom('published_documents').select('id').execute()).toHaveLength(1);
    const signers = await server.store.db.selectFrom('published_signers').select(['desktop_signer_id', 'position', 'status', 'ref']).orderBy('position').execute();
    expect(signers).toEqual([
      { desktop_signer_id: '11', position: 0, status: 'waiting', ref: 'company-1' },
      { desktop_signer_id: '12', position: 1, status: 'waiting', ref: 'counterparty-1' },
      { desktop_signer_id: '13', position: 2, status: 'waiting', ref: 'counterparty-2' },
    ]);
  });

  it("keeps what the signing page and the seal need: the preparer's values, the pages' sizes, each signer's country", async () => {
    const { server, device } = await setup();
    const sha256 = await uploaded(device, randomBytes(3000));
    const base = request(sha256);
    const withFacts = { ...base, values: { f2: 'Agro-Lub S.A.' }, pageSizes: [{ width: 595.28, height: 841.89 }], signers: base.signers.map((s) => (s.id === '12' ? { ...s, country: 'de' } : s)) };
    expect((await publish(device, withFacts)).status).toBe(200);
    const doc = await server.store.db.selectFrom('published_documents').select(['preset_values', 'page_sizes']).executeTakeFirstOrThrow();
    expect(JSON.parse(doc.preset_values!)).toEqual({ f2: 'Agro-Lub S.A.' });
    expect(JSON.parse(doc.page_sizes!)).toEqual([{ width: 595.28, height: 841.89 }]);
    const countries = await server.store.db.selectFrom('published_signers').select(['desktop_signer_id', 'country']).orderBy('position').execute();
    expect(countries).toEqual([
      { desktop_signer_id: '11', country: null },
      { desktop_signer_id: '12', country: 'DE' },
      { desktop_signer_id: '13', country: null },
    ]);

    // An older desktop sends neither: no values, and the sizes are measured from the file when first needed.
    expect((await publish(device, request(sha256, { documentId: 'f3e7c0a1-1b2c-4d5e-8f90-a1b2c3d4e5f6' }))).status).toBe(200);
    const older = await server.store.db.selectFrom('published_documents').select(['preset_values', 'page_sizes']).where('desktop_document_id', '=', 'f3e7c0a1-1b2c-4d5e-8f90-a1b2c3d4e5f6').executeTakeFirstOrThrow();
    expect(older).toEqual({ preset_values: '{}', page_sizes: null });
  });

  it('makes tokens of 256 random bits that the store keeps only as SHA-256: the raw token is nowhere in the store', async () => {
    const { server, device, sent } = await setup();
    const sha256 = await uploaded(device, randomBytes(3000));
    expect((await publish(device, request(sha256))).status).toBe(200);
    const tokens = sent.map(tokenOf);
    expect(linkTokenBytes * 8).toBeGreaterThanOrEqual(128);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(new Set(tokens).size).toBe(2);

    const links = await server.store.db.selectFrom('signing_links').select(['token_hash', 'expires_at']).execute();
    expect(links.map((l) => l.token_hash).sort()).toEqual(tokens.map(sha256Hex).sort());
    // Expiring with the document.
    expect(new Set(links.map((l) => l.expires_at))).toEqual(new Set([new Date(request(sha256).expiresAt).toISOString()]));

    const file = await storeText(server.store);
    for (const token of tokens) {
      expect(file).not.toContain(token);
      expect(file).toContain(sha256Hex(token));
    }
  });

  it('in "company first" makes the counterparty links held: no token, no message, until the company side has signed', async () => {
    const { server, device, sent } = await setup();
    const sha256 = await uploaded(device, randomBytes(3000));
    const answer = publishResponseSchema.parse(await (await publish(device, request(sha256, { order: 'companyFirst' }))).json());
    expect(answer.links.map((l) => l.message)).toEqual(['held', 'held']);
    expect(sent).toEqual([]);
    const links = await server.store.db.selectFrom('signing_links').select(['message_state', 'token_hash', 'released_at', 'revoked_at']).execute();
    expect(links).toEqual([
      { message_state: 'held', token_hash: null, released_at: null, revoked_at: null },
      { message_state: 'held', token_hash: null, released_at: null, revoked_at: null },
    ]);

    // With no company signer there is nobody to wait for: the links go out at once.
    const alone = request(sha256, { documentId: 'f3e7c0a1-1b2c-4d5e-8f90-a1b2c3d4e5f6', order: 'companyFirst' });
    alone.signers = alone.signers.filter((s) => s.side === 'counterparty');
    const direct = publishResponseSchema.parse(await (await publish(device, alone)).json());
    expect(direct.links.map((l) => l.message)).toEqual(['queued', 'queued']);
    expect(sent).toHaveLength(2);
  });

  it('cancelling revokes every link; a file not uploaded, a past deadline and a missing address are refused', async () => {
    const { server, device } = await setup();
    const sha256 = await uploaded(device, randomBytes(3000));
    const missing = await publish(device, request('b'.repeat(64)));
    expect(missing.status).toBe(409);
    expect(apiErrorSchema.parse(await missing.json()).error.code).toBe('FILE_NOT_UPLOADED');
    // Another device cannot publish with a file only this one uploaded.
    const other = await pairDevice(server, 'Księgowość');
    expect(apiErrorSchema.parse(await (await publish(other, request(sha256))).json()).error.code).toBe('FILE_NOT_UPLOADED');

    const past = await publish(device, request(sha256, { expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(apiErrorSchema.parse(await past.json()).error.issues).toEqual([{ path: 'expiresAt', messageKey: 'signing.expiryInPast' }]);
    const noAddress = request(sha256);
    noAddress.signers[1] = { ...noAddress.signers[1]!, email: undefined };
    const refused = await publish(device, noAddress);
    expect(refused.status).toBe(400);
    expect(apiErrorSchema.parse(await refused.json()).error.issues).toEqual([{ path: 'signers.1.email', messageKey: 'validation.required' }]);

    expect((await publish(device, request(sha256))).status).toBe(200);
    const cancelled = await device.fetch(`/api/v1/documents/${request(sha256).documentId}/cancel`, { method: 'POST' });
    expect(publishResponseSchema.parse(await cancelled.json()).state).toBe('cancelled');
    const links = await server.store.db.selectFrom('signing_links').select('revoked_at').execute();
    expect(links.every((l) => l.revoked_at !== null)).toBe(true);
    // Another device's document is not this one's to cancel.
    expect((await other.fetch(`/api/v1/documents/${request(sha256).documentId}/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it("writes each link's message to the server's own outbox in the publish's transaction: none of either when that write fails", async () => {
    let failing = true;
    const late: { outbox?: ServerOutbox } = {};
    const server = await startTestServer({
      linkOutbox: async (trx, message) => {
        if (failing) throw new Error('disk full');
        await late.outbox!.enqueue(message, trx);
      },
    });
    servers.push(server);
    // The server's outbox on its store, as serve makes it; its worker is not started, so the rows stay queued to be read.
    const outbox = (late.outbox = createServerOutbox({ store: server.store, dataDir: server.dataDir, delivery: loadServerDelivery(server.dataDir, {}), log: silentLog }));
    const device = await pairDevice(server);
    const sha256 = await uploaded(device, randomBytes(3000));

    expect((await publish(device, request(sha256))).status).toBe(500);
    expect(await server.store.db.selectFrom('published_documents').select('id').execute()).toEqual([]);
    expect(await server.store.db.selectFrom('signing_links').select('id').execute()).toEqual([]);
    expect(await server.store.db.selectFrom('outbox').select('id').execute()).toEqual([]);

    failing = false;
    const answer = publishResponseSchema.parse(await (await publish(device, request(sha256))).json());
    // Both written in one millisecond as often as not: the channel breaks the tie (e-mail, then SMS, the links' order).
    const rows = await server.store.db.selectFrom('outbox').select(['channel', 'recipient', 'purpose', 'status', 'document_id', 'text', 'idempotency_key']).orderBy('created_at').orderBy('channel').execute();
    expect(rows.map((r) => [r.channel, r.recipient, r.purpose, r.status, r.document_id])).toEqual([
      ['email', 'jan@example.pl', 'signingLink', 'queued', answer.publishedId],
      ['sms', '+48601234567', 'signingLink', 'queued', answer.publishedId],
    ]);
    expect(rows.map((r) => r.idempotency_key)).toEqual(answer.links.map((l) => `signing-link:${l.linkId}`));
    expect(rows[1]!.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43} /);
    await outbox.stop();
  });
});

/**
 * Everything the store holds, as text: on SQLite the file's own bytes (and its WAL), so a token left in a freed page
 * counts too; on PostgreSQL every row of every table.
 */
async function storeText(store: ServerStore): Promise<string> {
  if (store.dialect === 'sqlite') {
    store.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    return [store.file!, `${store.file!}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
  }
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(store.db);
  const rows: string[] = [];
  for (const { name } of tables.rows) rows.push(...(await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(store.db)).rows.map((r) => r.row));
  return rows.join('\n');
}

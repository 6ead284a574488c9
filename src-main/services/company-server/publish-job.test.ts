import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadStateSchema } from '../../../src-shared/company-server/publish';
import type { LinkMessage } from '../../../src-server/publishing/link-messages';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { createKeytarStore } from '../../secrets/keytar-store';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { sendDocument } from '../signing/send';
import { companyServerClient } from './client';
import { readLink, readToken } from './link-store';
import { uploadFile } from './publish-upload';

/**
 * Sending a document with a counterparty reached by e-mail or SMS, end to end: the real desktop services (real SQLite,
 * the test keyring) publish to the real company server on a loopback port, over HTTP.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Closed by the test (a server going down, a desktop restarted) or else after it, once either way. */
function closedAfter<T extends { close(): Promise<void> }>(thing: T): T {
  const close = thing.close.bind(thing);
  let closing: Promise<void> | undefined;
  thing.close = () => (closing ??= close());
  cleanups.push(() => thing.close());
  return thing;
}

const server = async (options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => closedAfter(await startTestServer(options));
const desktop = async (options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> => closedAfter(await startTestApp({ outbox: { autoStart: false }, publish: { autoStart: false }, ...options }));

async function setUp(app: TestApp) {
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
}

/** A Draft with the administrator for the company and Jan Kowalski (e-mail and phone) for the other side. */
async function draft(app: TestApp) {
  const admin = (await app.context.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirstOrThrow()).id;
  const contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl', phone: '601 234 567', country: 'PL' } })).id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  return app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact] });
}

async function sendByEmail(app: TestApp, channel: 'email' | 'sms' = 'email') {
  const doc = await draft(app);
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : channel]));
  return sendDocument(app.context, { id: doc.id, version: doc.version, order: 'parallel', channels });
}

const events = async (app: TestApp, id: string) => (await app.ok('documents.get', { id })).events.map((e) => ({ type: e.type, details: e.details }));
const job = (app: TestApp, id: string) => app.context.db.selectFrom('publish_jobs').selectAll().where('document_id', '=', id).executeTakeFirstOrThrow();
/** The backoff has passed: the job is due now. */
const makeDue = (app: TestApp, id: string) => app.context.db.updateTable('publish_jobs').set({ next_attempt_at: new Date(0).toISOString() }).where('document_id', '=', id).execute();

describe('publishing a sent document to the company server', () => {
  it('is refused by e-mail without a linked server, as before', async () => {
    const app = await desktop();
    await setUp(app);
    const doc = await draft(app);
    const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('email' as const)]));
    await expect(sendDocument(app.context, { id: doc.id, version: doc.version, order: 'parallel', channels })).rejects.toMatchObject({ messageKey: 'signing.noServerInPersonOnly' });
    expect(await app.context.db.selectFrom('publish_jobs').selectAll().execute()).toEqual([]);
  });

  it('with the server down at first: the job waits and says why, then publishes once the server is up, after a restart of the desktop too', async () => {
    const sent: LinkMessage[] = [];
    const linkOutbox = async (_trx: unknown, message: LinkMessage) => void sent.push(message);
    const dataDir = tempDir('signet-server-test-');
    const first = await server({ dataDir, linkOutbox });
    const port = Number(new URL(first.url).port);
    const keychain = createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 });
    const desktopDir = tempDir();
    let app = await desktop({ dataDir: desktopDir, keychain });
    await setUp(app);
    await app.ok('companyServer.pair', { url: first.url, code: await first.newCode(), deviceName: 'Recepcja' });
    await first.close();

    const doc = await sendByEmail(app);
    expect(doc.phase).toBe('counterpartySigning');
    expect(await job(app, doc.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await app.publisher.runDue()).toBe(1);
    const waiting = await job(app, doc.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(JSON.parse(waiting.last_error!)).toMatchObject({ messageKey: 'companyServer.errors.unreachable' });
    expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    expect((await events(app, doc.id)).at(-1)).toMatchObject({ type: 'publishDelayed', details: { error: 'companyServer.errors.unreachable', reason: 'ECONNREFUSED' } });
    // Not due yet: nothing is tried.
    expect(await app.publisher.runDue()).toBe(0);

    // The desktop is closed; the server comes up on the same address and data; the desktop starts again, its
    // publisher running on its own, and the job's wait has passed.
    await app.close();
    const second = await server({ dataDir, port, linkOutbox });
    app = await desktop({ dataDir: desktopDir, keychain, publish: { autoStart: false } });
    await makeDue(app, doc.id);
    await app.publisher.start();
    for (let i = 0; i < 500 && (await job(app, doc.id)).status === 'pending'; i++) await new Promise((r) => setTimeout(r, 20));

    const done = await job(app, doc.id);
    expect(done).toMatchObject({ status: 'published', attempts: 1, last_error: null });
    const published = await second.store.db.selectFrom('published_documents').selectAll().executeTakeFirstOrThrow();
    expect(published).toMatchObject({ id: done.published_id, desktop_document_id: doc.id, title: 'Umowa o zachowaniu poufności', company_name: 'Zakłady Łódzkie Sp. z o.o.', signing_order: 'parallel', state: 'open' });
    const local = await app.context.db.selectFrom('documents').select('expires_at').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(published.expires_at).toBe(local.expires_at);
    const signers = await second.store.db.selectFrom('published_signers').select(['side', 'name', 'email', 'phone', 'channel', 'ref']).orderBy('position').execute();
    expect(signers).toEqual([
      { side: 'company', name: 'Anna Nowak', email: null, phone: null, channel: 'app', ref: 'company-1' },
      { side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', phone: '+48601234567', channel: 'email', ref: 'counterparty-1' },
    ]);
    expect(sent.map((m) => [m.channel, m.to])).toEqual([['email', 'jan@example.pl']]);
    expect((await events(app, doc.id)).at(-1)).toEqual({ type: 'published', details: { server: second.url, publishedId: done.published_id, links: '1', held: '0' } });
    const stored = await second.store.db.selectFrom('uploads').select(['sha256', 'completed_at']).executeTakeFirstOrThrow();
    expect(stored.completed_at).not.toBeNull();
  });

  it('continues an upload a dropped connection left half done from the offset HEAD gives, in chunks', async () => {
    const test = await server();
    const app = await desktop();
    await setUp(app);
    await app.ok('companyServer.pair', { url: test.url, code: await test.newCode(), deviceName: 'Recepcja' });
    const bytes = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
    const sha256 = (await app.ok('pdf.import', { data: base64(bytes) })).sha256;
    const client = await companyServerClient(app.context);
    const token = (await readToken(app.context, (await readLink(app.context))!))!;

    // An earlier attempt got the first 4 096 bytes there before its connection went.
    const started = await client.call('POST', '/api/v1/uploads', uploadStateSchema, { sha256, size: bytes.length });
    await fetch(`${test.url}/api/v1/uploads/${started.uploadId}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, body: bytes.subarray(0, 4096) });
    const before = test.logLines.length;

    const chunk = 4096;
    await uploadFile({ client, token, bytes, sha256, uploadId: started.uploadId, chunkBytes: chunk, remember: async () => {} });
    const requests = test.logLines.slice(before).map((l) => JSON.parse(l) as { msg?: string; req?: { method: string } }).filter((l) => l.msg === 'incoming request').map((l) => l.req!.method);
    expect(requests[0]).toBe('HEAD');
    expect(requests.filter((m) => m === 'PATCH')).toHaveLength(Math.ceil((bytes.length - 4096) / chunk));
    expect(requests).not.toContain('POST');
    expect(uploadStateSchema.parse((await client.call('POST', '/api/v1/uploads', uploadStateSchema, { sha256, size: bytes.length })))).toMatchObject({ complete: true, offset: bytes.length });
  });

  it('a refusal that waiting will not change fails the job with the reason on the document', async () => {
    const test = await server({ linkOutbox: async () => {} });
    const app = await desktop();
    await setUp(app);
    await app.ok('companyServer.pair', { url: test.url, code: await test.newCode(), deviceName: 'Recepcja' });
    const doc = await sendByEmail(app, 'sms');
    // The administrator revoked this desktop on the server meanwhile.
    await test.store.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).execute();
    await app.publisher.runDue();
    expect(await job(app, doc.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await events(app, doc.id)).at(-1)).toMatchObject({ type: 'publishFailed', details: { error: 'companyServer.errors.tokenRefused' } });
    expect(await app.publisher.runDue()).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadStateSchema } from '../../../src-shared/company-server/publish';
import type { LinkMessage } from '../../../src-server/publishing/link-messages';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { createKeytarStore } from '../../secrets/keytar-store';
import { closedAfter } from '../../test-support/closed-after';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { expireDue } from '../signing/expiry';
import { sendDocument } from '../signing/send';
import { companyServerClient } from './client';
import { readLink, readToken } from './link-store';
import { uploadFile } from './publish-upload';

/**
 * Sending a document with a counterparty reached by e-mail or SMS, end to end: the real desktop services (real SQLite,
 * the test keyring) publish to the real company server on a loopback port, over HTTP.
 */

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
    expect(published).toMatchObject({ id: done.published_id, desktop_document_id: doc.id, title: 'Umowa o zachowaniu poufności', company_name: 'Zakłady Łódzkie Sp. z o.o.', preparer_name: 'Anna Nowak', signing_order: 'parallel', state: 'open' });
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

describe('a document cancelled or expired after it was sent', () => {
  /** A desktop paired with a server that keeps the link messages it is given. */
  async function paired(dataDir?: string) {
    const sent: LinkMessage[] = [];
    const hooks: { onLink?: () => Promise<void> } = {};
    const linkOutbox = async (_trx: unknown, message: LinkMessage) => {
      sent.push(message);
      await hooks.onLink?.();
    };
    const test = await server({ linkOutbox, ...(dataDir ? { dataDir } : {}) });
    const app = await desktop();
    await setUp(app);
    await app.ok('companyServer.pair', { url: test.url, code: await test.newCode(), deviceName: 'Recepcja' });
    return { test, app, sent, linkOutbox, hooks };
  }

  it('cancelled before the publisher ran: nothing is published and no link goes out', async () => {
    const { test, app, sent } = await paired();
    const doc = await sendByEmail(app);
    await app.ok('signing.cancel', { id: doc.id, reason: 'Zła wersja' });
    expect(await job(app, doc.id)).toMatchObject({ status: 'cancelled', kind: 'publish' });
    expect(await app.publisher.runDue()).toBe(0);
    expect(await test.store.db.selectFrom('published_documents').selectAll().execute()).toEqual([]);
    expect(await test.store.db.selectFrom('uploads').selectAll().execute()).toEqual([]);
    expect(sent).toEqual([]);
    expect((await events(app, doc.id)).map((e) => e.type)).not.toContain('published');
  });

  it('expired before the publisher ran: the job stops too', async () => {
    const { test, app, sent } = await paired();
    const expired = await sendByEmail(app);
    await app.context.db.updateTable('documents').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', expired.id).execute();
    expect(await expireDue(app.context)).toEqual([expired.id]);
    expect(await job(app, expired.id)).toMatchObject({ status: 'cancelled' });
    expect(await app.publisher.runDue()).toBe(0);
    expect(await test.store.db.selectFrom('published_documents').selectAll().execute()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('a pending job whose document is no longer out for signing is stopped when it runs', async () => {
    const { test, app, sent } = await paired();
    // Left pending though its document was cancelled (written by an older version, say): checked before it runs.
    const other = await sendByEmail(app);
    await app.ok('signing.cancel', { id: other.id });
    await app.context.db.updateTable('publish_jobs').set({ status: 'pending' }).where('document_id', '=', other.id).execute();
    expect(await app.publisher.runDue()).toBe(1);
    expect(await job(app, other.id)).toMatchObject({ status: 'cancelled' });
    expect(await test.store.db.selectFrom('published_documents').selectAll().execute()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('cancelled after it was published: the server cancels it and revokes its links, and the history says so', async () => {
    const { test, app, sent } = await paired();
    const doc = await sendByEmail(app);
    await app.publisher.runDue();
    expect(await job(app, doc.id)).toMatchObject({ status: 'published' });
    expect(sent).toHaveLength(1);

    await app.ok('signing.cancel', { id: doc.id });
    expect(await job(app, doc.id)).toMatchObject({ kind: 'cancel', status: 'pending', attempts: 0 });
    expect(await app.publisher.runDue()).toBe(1);

    const done = await job(app, doc.id);
    expect(done).toMatchObject({ kind: 'cancel', status: 'withdrawn', last_error: null });
    expect(await test.store.db.selectFrom('published_documents').select(['id', 'state']).executeTakeFirstOrThrow()).toEqual({ id: done.published_id, state: 'cancelled' });
    const links = await test.store.db.selectFrom('signing_links').select('revoked_at').execute();
    expect(links).toHaveLength(1);
    expect(links.every((l) => l.revoked_at !== null)).toBe(true);
    expect((await events(app, doc.id)).at(-1)).toEqual({ type: 'unpublished', details: { server: test.url, publishedId: done.published_id, state: 'cancelled' } });
    expect(sent).toHaveLength(1);
    expect(await app.publisher.runDue()).toBe(0);
  });

  it('cancelled while its publish was on the way: what the server got is cancelled there in turn', async () => {
    const { test, app, hooks } = await paired();
    const doc = await sendByEmail(app);
    // The owner cancels on the desktop while the server is writing the publish the desktop is waiting for.
    hooks.onLink = async () => {
      hooks.onLink = undefined;
      await app.ok('signing.cancel', { id: doc.id });
    };
    await app.publisher.runDue();
    expect(await job(app, doc.id)).toMatchObject({ kind: 'cancel', status: 'pending' });
    expect(await app.publisher.runDue()).toBe(1);
    expect(await job(app, doc.id)).toMatchObject({ kind: 'cancel', status: 'withdrawn' });
    expect(await test.store.db.selectFrom('published_documents').select('state').executeTakeFirstOrThrow()).toEqual({ state: 'cancelled' });
    expect((await events(app, doc.id)).map((e) => e.type).filter((t) => ['cancelled', 'published', 'unpublished'].includes(t))).toEqual(['cancelled', 'published', 'unpublished']);
  });

  it('with the server down at cancel time: the cancel waits, says why, and is done once the server is up', async () => {
    const dataDir = tempDir('signet-server-test-');
    const { test, app, linkOutbox } = await paired(dataDir);
    const port = Number(new URL(test.url).port);
    const doc = await sendByEmail(app);
    await app.publisher.runDue();
    await test.close();

    await app.ok('signing.cancel', { id: doc.id });
    expect(await app.publisher.runDue()).toBe(1);
    const waiting = await job(app, doc.id);
    expect(waiting).toMatchObject({ kind: 'cancel', status: 'pending', attempts: 1 });
    expect(JSON.parse(waiting.last_error!)).toMatchObject({ messageKey: 'companyServer.errors.unreachable' });
    expect((await events(app, doc.id)).at(-1)).toMatchObject({ type: 'unpublishDelayed', details: { error: 'companyServer.errors.unreachable' } });
    expect(await app.publisher.runDue()).toBe(0);

    const again = await server({ dataDir, port, linkOutbox });
    await makeDue(app, doc.id);
    expect(await app.publisher.runDue()).toBe(1);
    expect(await job(app, doc.id)).toMatchObject({ kind: 'cancel', status: 'withdrawn' });
    expect(await again.store.db.selectFrom('published_documents').select('state').executeTakeFirstOrThrow()).toEqual({ state: 'cancelled' });
    expect((await again.store.db.selectFrom('signing_links').select('revoked_at').executeTakeFirstOrThrow()).revoked_at).not.toBeNull();
    expect((await events(app, doc.id)).at(-1)).toMatchObject({ type: 'unpublished' });
  });
});

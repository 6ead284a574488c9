import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { waitUntil } from '../../test-support/wait-for';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../src-shared/company-server/events';
import { appendFeed } from '../../../src-server/feed/feed';
import { serverFilesOf } from '../../../src-server/publishing/server-files';
import { loadSealer, sealPasswordEnv } from '../../../src-server/seal/sealer';
import { startSealQueue, type SealQueue } from '../../../src-server/sealing/seal-queue';
import { portalCodeCheckPath, portalCodePath, portalLinkPath } from '../../../src-shared/portal/signing-link';
import { portalSignPath, portalSignedSchema } from '../../../src-shared/portal/signing-session';
import { silentLog } from '../../app/log';
import { verifyPdf } from '../../pdf/verify';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { createKeytarStore } from '../../secrets/keytar-store';
import type { SecretStore } from '../../secrets/secret-store';
import { makePng } from '../../test-support/png';
import { resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { ensureCompanyIdentity } from '../identity/company-identity';
import { trustAnchors } from '../identity/trust-anchors';
import { signAsSigner } from '../signing/sign';
import { readCursor } from './feed-cursor';
import { readLink } from './link-store';
import { pairWith, sendThroughServer, type PublishedDocument } from '../../test-support/published-desktop';

/**
 * The desktop following the company server's feed, end to end: the real desktop services (real SQLite, the test
 * keyring) published a document to the real company server on a loopback port; the server's feed gets the rows its
 * portal writes (appended as the portal's routes append them), and the desktop's follower applies them over SSE.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function closedAfter<T extends { close(): Promise<void> }>(thing: T): T {
  const close = thing.close.bind(thing);
  let closing: Promise<void> | undefined;
  thing.close = () => (closing ??= close());
  cleanups.push(() => thing.close());
  return thing;
}

/** Fast, fixed waits: reconnecting after 10 ms, a refused seal due again at once. */
const follow = { reconnect: { baseMs: 20, capMs: 40, maxAttempts: Infinity }, sealRetry: { baseMs: 0, capMs: 0, maxAttempts: Infinity }, random: () => 1 };

const server = async (options: Parameters<typeof startTestServer>[0] = {}) => closedAfter(await startTestServer({ linkOutbox: async () => {}, ...options }));
const desktop = async (options: { dataDir?: string; keychain?: SecretStore } = {}) => closedAfter(await startTestApp({ outbox: { autoStart: false }, publish: { autoStart: false }, follow, ...options }));

const until = waitUntil;

async function pairedDesktop(test: TestServer, options: Parameters<typeof desktop>[0] = {}): Promise<TestApp> {
  return pairWith(await desktop(options), test);
}

const published = sendThroughServer;
type Published = PublishedDocument;

/** A step on the server as its portal records it: a feed row in a transaction of its own, named in the server's ids. */
async function step(test: TestServer, doc: Published, signerId: number | null, type: ServerEvent['type'], details: ServerEvent['details'] = {}, at = new Date()) {
  const signer = signerId === null ? null : (await test.store.db.selectFrom('published_signers').select('id').where('document_id', '=', doc.publishedId).where('desktop_signer_id', '=', String(signerId)).executeTakeFirstOrThrow()).id;
  await test.store.db.transaction().execute((trx) => appendFeed(trx, { documentId: doc.publishedId, signerId: signer, type, at: at.toISOString(), details }));
}

const detail = (app: TestApp, id: string) => app.ok('documents.get', { id });
/** The history from the publish on: what the feed added. */
const afterPublish = async (app: TestApp, id: string) => {
  const events = (await detail(app, id)).events;
  return events.slice(events.findIndex((e) => e.type === 'published') + 1);
};
const statusOf = async (app: TestApp, id: string, signerId: number) => (await detail(app, id)).signers.find((s) => s.id === signerId)!.status;
const feedOf = async (app: TestApp) => {
  const state = await app.ok('companyServer.get', {});
  return state.linked ? state.feed : undefined;
};

describe('following the company server’s feed', () => {
  it('applies the counterparty’s steps on the portal as they happen: view, code, signature, and the board hears of each', async () => {
    const test = await server();
    const app = await pairedDesktop(test);
    const doc = await published(app);
    expect(await feedOf(app)).toBeUndefined();
    app.follower.start();
    await until(async () => (await feedOf(app))?.status === 'connected', 'the feed to connect');
    const { cursor } = await app.context.events.wait(-1, 0);

    const signedAt = new Date(Date.now() - 60_000);
    await step(test, doc, doc.counterparty, 'viewed', { ip: '203.0.113.7', userAgent: 'Firefox' });
    await until(async () => (await statusOf(app, doc.id, doc.counterparty)) === 'viewed', 'the view');
    await step(test, doc, doc.counterparty, 'codeSent', { channel: 'email' });
    await step(test, doc, doc.counterparty, 'codePassed', { channel: 'email' });
    await step(test, doc, doc.counterparty, 'signed', { method: 'typed', identity: 'emailCode' }, signedAt);
    await until(async () => (await statusOf(app, doc.id, doc.counterparty)) === 'signed', 'the signature');

    const after = await detail(app, doc.id);
    expect(after.signers.map((s) => [s.side, s.status])).toEqual([
      ['company', 'sent'],
      ['counterparty', 'signed'],
    ]);
    // Everyone but the company has signed: with the company, not Signed (the seal comes from the server).
    expect(after.phase).toBe('companySigning');
    expect(after.sealedSha256).toBeUndefined();
    expect((await afterPublish(app, doc.id)).map((e) => [e.type, e.actor, e.details?.signer])).toEqual([
      ['viewed', 'Jan Kowalski', String(doc.counterparty)],
      ['otpSent', test.url, String(doc.counterparty)],
      ['identityChecked', 'Jan Kowalski', String(doc.counterparty)],
      ['signed', 'Jan Kowalski', String(doc.counterparty)],
      ['stageMoved', 'Signet', undefined],
    ]);
    const history = await afterPublish(app, doc.id);
    expect(history[0]!.details).toMatchObject({ ip: '203.0.113.7', serverSeq: expect.stringMatching(/^\d+$/) });
    expect(history[3]!).toMatchObject({ at: signedAt.toISOString(), details: { method: 'typed', identity: 'emailCode' } });
    expect(after.chainIntact).toBe(true);
    const row = await app.context.db.selectFrom('document_signers').selectAll().where('id', '=', doc.counterparty).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ signed_at: signedAt.toISOString(), signature_method: 'typed', identity_check: 'emailCode', viewed_at: expect.any(String) });

    const changed = await app.context.events.wait(cursor, 0);
    expect(changed.events).toContainEqual({ type: 'documentsChanged', ids: [doc.id] });
    const feed = await feedOf(app);
    expect(feed).toMatchObject({ status: 'connected', since: expect.any(String), lastEventAt: expect.any(String), waitingSeals: 0 });
    const last = (await test.store.db.selectFrom('document_feed').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq;
    expect((await readCursor(app.context.db, (await readLink(app.context))!.deviceId)).after).toBe(last);
  });

  it('a decline on the portal is a decline here: Declined, the reason in the history, the owner told by e-mail', async () => {
    const test = await server();
    const app = await pairedDesktop(test);
    const doc = await published(app);
    app.follower.start();
    await step(test, doc, doc.counterparty, 'viewed');
    await step(test, doc, doc.counterparty, 'declined', { reason: 'Kwota się nie zgadza.' });
    await until(async () => (await detail(app, doc.id)).phase === 'declined', 'the decline');

    expect(await statusOf(app, doc.id, doc.counterparty)).toBe('declined');
    const declined = (await afterPublish(app, doc.id)).find((e) => e.type === 'declined');
    expect(declined).toMatchObject({ actor: 'Jan Kowalski', details: { signer: String(doc.counterparty), reason: 'Kwota się nie zgadza.', serverSeq: expect.any(String) } });
    const notices = await app.context.db.selectFrom('outbox').select(['recipient', 'purpose']).where('document_id', '=', doc.id).where('purpose', '=', 'declined').execute();
    expect(notices).toEqual([{ recipient: 'anna@zaklady.pl', purpose: 'declined' }]);
  });

  it('catches up after being away, in order and once: the desktop closed, then the server down, then a feed read again from the start', async () => {
    const dataDir = tempDir('signet-server-test-');
    let test = await server({ dataDir });
    const port = Number(new URL(test.url).port);
    const keychain = createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 });
    const desktopDir = tempDir();
    let app = await pairedDesktop(test, { dataDir: desktopDir, keychain });
    const first = await published(app);
    const second = await published(app);
    // A document this desktop no longer has as published there (its job was written over): its steps are skipped.
    const stranger = await published(app);
    await app.context.db.updateTable('publish_jobs').set({ published_id: randomUUID() }).where('document_id', '=', stranger.id).execute();

    // The desktop is closed while the counterparties act.
    await app.close();
    await step(test, first, first.counterparty, 'viewed');
    await step(test, second, second.counterparty, 'viewed');
    await step(test, stranger, stranger.counterparty, 'viewed');
    await step(test, first, first.counterparty, 'codePassed', { channel: 'email' });
    await step(test, second, second.counterparty, 'declined', { reason: 'Nie teraz.' });
    await step(test, first, first.counterparty, 'signed', { method: 'drawn', identity: 'emailCode' });

    app = await desktop({ dataDir: desktopDir, keychain });
    app.follower.start();
    await until(async () => (await statusOf(app, first.id, first.counterparty)) === 'signed' && (await detail(app, second.id)).phase === 'declined', 'the catch-up');
    expect((await afterPublish(app, first.id)).map((e) => e.type)).toEqual(['viewed', 'identityChecked', 'signed', 'stageMoved']);
    expect((await afterPublish(app, second.id)).map((e) => e.type)).toEqual(['viewed', 'declined', 'stageMoved']);
    expect(await afterPublish(app, stranger.id)).toEqual([]);
    expect(await statusOf(app, stranger.id, stranger.counterparty)).toBe('sent');

    // The server goes down: the follower says so and tries again; back up on the same address, it reconnects by itself.
    await test.close();
    await until(async () => (await feedOf(app))?.status === 'reconnecting', 'the follower to notice');
    expect(await feedOf(app)).toMatchObject({ status: 'reconnecting', reason: { messageKey: expect.stringMatching(/^companyServer\.(feed\.ended|errors\.unreachable)$/) }, retryAt: expect.any(String) });
    test = await server({ dataDir, port });
    await step(test, first, first.company, 'viewed');
    await until(async () => (await statusOf(app, first.id, first.company)) === 'viewed', 'the step after the server came back');
    expect((await feedOf(app))?.status).toBe('connected');

    // A feed read from the start again (a store restored from a backup): nothing is applied twice.
    const before = { first: await afterPublish(app, first.id), second: await afterPublish(app, second.id) };
    await app.close();
    app = await desktop({ dataDir: desktopDir, keychain });
    await app.context.db.deleteFrom('settings').where('key', '=', 'companyServer.feed').execute();
    app.follower.start();
    const last = (await test.store.db.selectFrom('document_feed').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq;
    const deviceId = (await readLink(app.context))!.deviceId;
    await until(async () => (await readCursor(app.context.db, deviceId)).after === last, 'the feed read again');
    expect({ first: await afterPublish(app, first.id), second: await afterPublish(app, second.id) }).toEqual(before);
  });
});

describe('the sealed document from the server', () => {
  const password = 'długie hasło serwera';

  /** A desktop with the company's keys, paired, with the server's seal issued by its CA; and one published document the company signed here. */
  async function sealWorld(options: { dataDir?: string; keychain?: SecretStore } = {}) {
    const test = await server();
    const app = await pairedDesktop(test, options);
    await ensureCompanyIdentity(app.context);
    const p12 = path.join(tempDir('signet-server-seal-'), 'server-seal.p12');
    fs.writeFileSync(p12, Buffer.from((await app.ok('identity.exportServerSeal', { password })).data, 'base64'));
    const sealer = await loadSealer(p12, { env: { [sealPasswordEnv]: password } });
    const doc = await published(app);
    await signAsSigner(app.context, { documentId: doc.id, signerId: doc.company, method: 'drawn', image: makePng(40, 12).toString('base64'), consent: true, identityCheck: 'appLogin', actor: 'Anna Nowak' });
    const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
    return { test, app, doc, sealed: await sealer.seal(original, { reason: 'Signet company server seal' }) };
  }

  /** The server has sealed the document: the file stored, the row completed; the feed row announcing `announced` (default: the file's own hash). */
  async function sealOnServer(test: TestServer, doc: Published, bytes: Uint8Array | null, announced?: { sha256: string; size: number }) {
    const stored = bytes ? await serverFilesOf(test.store).files.put(bytes) : null;
    const sha256 = stored?.sha256 ?? announced!.sha256;
    await test.store.db.updateTable('published_documents').set({ sealed_sha256: sha256, sealed_at: new Date().toISOString(), state: 'completed' }).where('id', '=', doc.publishedId).execute();
    await step(test, doc, null, 'sealed', announced ?? { sha256, size: bytes!.length });
  }

  it('arrives while the desktop was closed: on its next start it catches up, fetches the seal, checks it and shows Signed', async () => {
    const keychain = createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 });
    const desktopDir = tempDir();
    const { test, app: first, doc, sealed } = await sealWorld({ dataDir: desktopDir, keychain });
    expect((await detail(first, doc.id)).phase).toBe('counterpartySigning');
    await first.close();

    await step(test, doc, doc.counterparty, 'viewed');
    await step(test, doc, doc.counterparty, 'codePassed', { channel: 'email' });
    await step(test, doc, doc.counterparty, 'signed', { method: 'drawn', identity: 'emailCode' });
    await sealOnServer(test, doc, sealed);

    const app = await desktop({ dataDir: desktopDir, keychain });
    app.follower.start();
    await until(async () => (await detail(app, doc.id)).phase === 'signed', 'Signed');
    const after = await detail(app, doc.id);
    expect(after.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    const sha256 = (await test.store.db.selectFrom('published_documents').select('sealed_sha256').where('id', '=', doc.publishedId).executeTakeFirstOrThrow()).sealed_sha256!;
    expect(after.sealedSha256).toBe(sha256);
    expect(Buffer.from(await app.context.files.read(sha256)).equals(Buffer.from(sealed))).toBe(true);
    expect(await app.context.db.selectFrom('files').select(['size', 'media_type']).where('sha256', '=', sha256).executeTakeFirstOrThrow()).toEqual({ size: sealed.length, media_type: 'application/pdf' });
    expect((await afterPublish(app, doc.id)).map((e) => e.type)).toEqual(['signed', 'viewed', 'identityChecked', 'signed', 'sealed', 'stageMoved']);
    expect((await afterPublish(app, doc.id)).find((e) => e.type === 'sealed')).toMatchObject({ actor: test.url, details: { sha256 } });
    expect(after.chainIntact).toBe(true);
  });

  it('refuses a file that is not the one announced, and one that does not verify: not Signed, the reason in the history, tried again', async () => {
    const { test, app, doc, sealed } = await sealWorld();
    await step(test, doc, doc.counterparty, 'signed', { method: 'drawn', identity: 'emailCode' });
    // The server serves one file and the feed announces another.
    await sealOnServer(test, doc, sealed, { sha256: 'b'.repeat(64), size: sealed.length });
    app.follower.start();
    await until(async () => (await feedOf(app))?.waitingSeals === 1, 'the refusal');
    const refused = await detail(app, doc.id);
    expect(refused.phase).toBe('counterpartySigning');
    expect(refused.sealedSha256).toBeUndefined();
    const failure = (await afterPublish(app, doc.id)).filter((e) => e.type === 'sealFetchFailed');
    expect(failure.map((e) => e.details)).toEqual([{ error: 'companyServer.feed.sealedMismatch', expected: 'b'.repeat(64), actual: expect.stringMatching(/^[0-9a-f]{64}$/), size: String(sealed.length), sha256: 'b'.repeat(64), failedServerSeq: expect.any(String) }]);

    // Tried again (due at once here): refused again the same way, counted, not written into the history again.
    expect(await app.follower.retryPending()).toBe(1);
    const deviceId = (await readLink(app.context))!.deviceId;
    expect((await readCursor(app.context.db, deviceId)).pending.map((p) => [p.attempts, p.noted])).toEqual([[2, 'companyServer.feed.sealedMismatch']]);
    expect((await afterPublish(app, doc.id)).filter((e) => e.type === 'sealFetchFailed')).toHaveLength(1);

    // Another document whose sealed file was changed after its seal: the hash is the announced one, Verify says tampered.
    const other = await published(app);
    await step(test, other, other.counterparty, 'signed', { method: 'drawn', identity: 'emailCode' });
    await signAsSigner(app.context, { documentId: other.id, signerId: other.company, method: 'drawn', image: makePng(40, 12).toString('base64'), consent: true, identityCheck: 'appLogin', actor: 'Anna Nowak' });
    await sealOnServer(test, other, Buffer.concat([sealed, Buffer.from('\n% appended after the seal\n')]));
    await until(async () => (await feedOf(app))?.waitingSeals === 2, 'the second refusal');
    expect((await detail(app, other.id)).phase).not.toBe('signed');
    expect((await afterPublish(app, other.id)).find((e) => e.type === 'sealFetchFailed')?.details).toMatchObject({ error: 'companyServer.feed.sealedNotValid', verdict: 'tampered', reason: 'verify.reason.modifiedAfterSigning' });
  });

  it('a seal the server cannot give yet is fetched again later, and then the document is Signed', async () => {
    const { test, app, doc, sealed } = await sealWorld();
    await step(test, doc, doc.counterparty, 'signed', { method: 'drawn', identity: 'emailCode' });
    // The feed row is there, the file not (yet) in the server's store: the download is refused.
    const announced = { sha256: (await import('node:crypto')).createHash('sha256').update(sealed).digest('hex'), size: sealed.length };
    await sealOnServer(test, doc, null, announced);
    app.follower.start();
    await until(async () => (await feedOf(app))?.waitingSeals === 1, 'the failed download');
    expect((await afterPublish(app, doc.id)).find((e) => e.type === 'sealFetchFailed')?.details?.error).toMatch(/^companyServer\.errors\.refused/);
    expect((await detail(app, doc.id)).phase).toBe('counterpartySigning');

    await serverFilesOf(test.store).files.put(sealed);
    expect(await app.follower.retryPending()).toBe(1);
    const after = await detail(app, doc.id);
    expect(after.phase).toBe('signed');
    expect(after.sealedSha256).toBe(announced.sha256);
    expect((await feedOf(app))?.waitingSeals).toBe(0);
  });
  it('the whole way on the real routes: the company signs here, the desktop is closed, Jan signs on the portal, the server seals; the desktop started again shows it Signed', async () => {
    const messages: { to: string; text: string; purpose?: string }[] = [];
    const late: { queue?: SealQueue } = {};
    const test = await server({ linkOutbox: async (_trx, m) => void messages.push(m), codeOutbox: async (_trx, m) => void messages.push(m), onAllSigned: (id) => late.queue?.kick(id) });
    const keychain = createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 });
    const desktopDir = tempDir();
    let app = await pairedDesktop(test, { dataDir: desktopDir, keychain });
    await ensureCompanyIdentity(app.context);
    const p12 = path.join(tempDir('signet-server-seal-'), 'server-seal.p12');
    fs.writeFileSync(p12, Buffer.from((await app.ok('identity.exportServerSeal', { password })).data, 'base64'));
    const queue = (late.queue = startSealQueue({ db: test.store.db, files: serverFilesOf(test.store), now: () => new Date(), sealer: await loadSealer(p12, { env: { [sealPasswordEnv]: password } }), resourcesDir, outbox: async () => {}, log: silentLog }, { sweep: false }));
    cleanups.push(() => queue.stop());

    const doc = await published(app);
    // The company signs in the app; the desktop reports it to the server (signature-report.ts).
    await signAsSigner(app.context, { documentId: doc.id, signerId: doc.company, method: 'drawn', image: makePng(40, 12).toString('base64'), consent: true, identityCheck: 'appLogin', actor: 'Anna Nowak' });
    await until(async () => (await test.store.db.selectFrom('published_signers').select('status').where('desktop_signer_id', '=', String(doc.company)).executeTakeFirstOrThrow()).status === 'signed', 'the report');
    await app.close();

    // Jan, from the link in his e-mail: the code, then his signature, the last one.
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(messages.find((m) => m.to === doc.email)!.text)![1]!;
    const post = (p: string, body: unknown, cookie?: string) => fetch(`${test.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
    expect((await fetch(`${test.url}${portalLinkPath(token)}`)).status).toBe(200);
    expect((await post(portalCodePath(token), {})).status).toBe(200);
    const code = /\b(\d{6})\b/.exec(messages.filter((m) => m.purpose === 'otp').at(-1)!.text)![1]!;
    const checked = await post(portalCodeCheckPath(token), { code });
    const cookie = checked.headers.getSetCookie()[0]!.split(';')[0]!;
    const signed = portalSignedSchema.parse(await (await post(portalSignPath, { method: 'drawn', image: makePng(240, 80).toString('base64'), consent: true, values: {} }, cookie)).json());
    expect(signed.last).toBe(true);
    await queue.idle();
    const sealedSha256 = (await test.store.db.selectFrom('published_documents').select('sealed_sha256').where('id', '=', doc.publishedId).executeTakeFirstOrThrow()).sealed_sha256;
    expect(sealedSha256).toMatch(/^[0-9a-f]{64}$/);

    app = await desktop({ dataDir: desktopDir, keychain });
    app.follower.start();
    await until(async () => (await detail(app, doc.id)).phase === 'signed', 'Signed');
    const after = await detail(app, doc.id);
    expect(after.sealedSha256).toBe(sealedSha256);
    expect(after.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    expect((await afterPublish(app, doc.id)).map((e) => e.type)).toEqual(['signed', 'viewed', 'otpSent', 'identityChecked', 'signed', 'sealed', 'stageMoved']);
    const report = await verifyPdf(await app.context.files.read(sealedSha256!), await trustAnchors(app.context));
    expect(report.verdict).toBe('valid');
    expect(report.signatures.at(-1)).toMatchObject({ trust: 'companyCa', coversWholeFile: true });
  });
});

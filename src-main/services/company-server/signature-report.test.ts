import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkMessage } from '../../../src-server/publishing/link-messages';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { makePng } from '../../test-support/png';
import { createKeytarStore } from '../../secrets/keytar-store';
import { closedAfter } from '../../test-support/closed-after';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { ensureCompanyIdentity } from '../identity/company-identity';
import { completePending } from '../signing/complete';
import { sendDocument } from '../signing/send';
import { signAsSigner } from '../signing/sign';

/**
 * A signature made on the desktop of a document published to the company server, end to end: the real desktop
 * services (real SQLite, the test keyring) report it to the company server on a loopback port, over HTTP.
 */

/** The real server in a temporary folder, keeping the signing links' messages its outbox is given. */
async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer & { links: LinkMessage[] }> {
  const links: LinkMessage[] = [];
  const test = await startTestServer({ linkOutbox: async (_trx, message) => void links.push(message), ...options });
  return closedAfter(Object.assign(test, { links }));
}

/** The signatures the server has recorded, in the order its feed got them: the desktop's signer id, how and when. */
const signedOnServer = (test: TestServer) =>
  test.store.db
    .selectFrom('document_feed as f')
    .innerJoin('published_signers as s', 's.id', 'f.signer_id')
    .select(['s.desktop_signer_id as signer', 's.method', 's.identity_check as identity', 's.signed_at as signedAt', 's.signature_sha256 as image'])
    .where('f.type', '=', 'signed')
    .orderBy('f.seq')
    .execute();

const valuesOnServer = async (test: TestServer, desktopSignerId: number) =>
  Object.fromEntries(
    (await test.store.db.selectFrom('published_values as v').innerJoin('published_signers as s', 's.id', 'v.signer_id').select(['v.field_id', 'v.value']).where('s.desktop_signer_id', '=', String(desktopSignerId)).execute()).map((v) => [
      v.field_id,
      JSON.parse(v.value) as unknown,
    ]),
  );

const desktop = async (options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> =>
  closedAfter(await startTestApp({ outbox: { autoStart: false }, publish: { autoStart: false }, reports: { autoStart: false }, ...options }));

const signature = makePng(40, 12).toString('base64');
const rect = (y: number) => ({ x: 72, y, width: 180, height: 36 });
const layout = {
  fields: [
    { id: 'sig-company', kind: 'signature', page: 0, rect: rect(100), signerId: 'company-1', required: true },
    { id: 'company-role', kind: 'text', page: 0, rect: rect(150), signerId: 'company-1', required: true, label: 'Stanowisko' },
    { id: 'sig-client', kind: 'signature', page: 0, rect: rect(200), signerId: 'counterparty-1', required: true },
  ],
};

/** A desktop set up, with the company's keys, paired with `test` unless told not to. */
async function paired(test: TestServer | null, options: Parameters<typeof startTestApp>[0] = {}) {
  const app = await desktop(options);
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  await ensureCompanyIdentity(app.context);
  if (test) await app.ok('companyServer.pair', { url: test.url, code: await test.newCode(), deviceName: 'Recepcja' });
  return app;
}

/**
 * Sent to the administrator (and `colleagues`) in the app and Jan Kowalski, by e-mail unless `channel` says in
 * person; with `inPersonToo`, Ewa Wiśniewska signs in person after him.
 */
async function sent(app: TestApp, order: 'companyFirst' | 'parallel', { channel = 'email', colleagues = [], inPersonToo = false }: { channel?: 'email' | 'inPerson'; colleagues?: string[]; inPersonToo?: boolean } = {}) {
  const admin = (await app.context.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirstOrThrow()).id;
  const contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl', country: 'PL' } })).id;
  const contacts = inPersonToo ? [contact, (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Ewa', lastName: 'Wiśniewska', email: 'ewa@example.pl', country: 'PL' } })).id] : [contact];
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const draft = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin, ...colleagues], counterpartyContactIds: contacts });
  await app.ok('documents.fields.save', { id: draft.id, version: draft.version, layout, values: {} });
  const doc = await app.ok('documents.get', { id: draft.id });
  const company = doc.signers.find((s) => s.side === 'company')!.id;
  const counterparty = doc.signers.find((s) => s.side === 'counterparty')!.id;
  const inPerson = doc.signers.find((s) => s.side === 'counterparty' && s.id !== counterparty)?.id;
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : s.id === inPerson ? ('inPerson' as const) : channel]));
  const out = await sendDocument(app.context, { id: doc.id, version: doc.version, order, channels });
  return { doc: out, company, counterparty, inPerson, companySigners: doc.signers.filter((s) => s.side === 'company').map((s) => s.id) };
}

/** The company signer signs in the app, filling their field. */
const companySigns = (app: TestApp, documentId: string) => app.ok('signing.sign', { documentId, method: 'drawn', image: signature, consent: true, values: { 'company-role': 'Prezes zarządu' } });

const reportJobs = (app: TestApp, documentId: string) => app.context.db.selectFrom('server_signature_jobs').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
const publishJob = (app: TestApp, documentId: string) => app.context.db.selectFrom('publish_jobs').selectAll().where('document_id', '=', documentId).executeTakeFirstOrThrow();
const events = async (app: TestApp, id: string) => (await app.ok('documents.get', { id })).events.map((e) => ({ type: e.type, details: e.details }));
const makeDue = (app: TestApp) => app.context.db.updateTable('server_signature_jobs').set({ next_attempt_at: new Date(0).toISOString() }).execute();
const sealedSha = async (app: TestApp, id: string) => (await app.context.db.selectFrom('documents').select('sealed_sha256').where('id', '=', id).executeTakeFirstOrThrow()).sealed_sha256;

/** A counterparty's signature on the portal, as the desktop holds it once the feed has told it (apply-server-event.ts). */
async function signedOnThePortal(app: TestApp, signerId: number) {
  await app.context.db.updateTable('document_signers').set({ status: 'signed', signed_at: new Date().toISOString(), identity_check: 'emailCode', signature_method: 'drawn' }).where('id', '=', signerId).execute();
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('a signature made on the desktop, reported to the company server', () => {
  it('company first: the company signer signs in the app; the report reaches the server once, with the signature, how, when and the values, and the held link goes out', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company } = await sent(app, 'companyFirst');
    await app.publisher.runDue();
    const published = await publishJob(app, doc.id);
    expect(published).toMatchObject({ status: 'published' });
    // The counterparty's link is held for the company's signature.
    expect(test.links).toEqual([]);

    const signed = await companySigns(app, doc.id);
    expect(signed.phase).toBe('counterpartySigning');
    expect(await reportJobs(app, doc.id)).toMatchObject([{ signer_id: company, status: 'pending', attempts: 0 }]);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ signer_id: company, status: 'done', attempts: 0, last_error: null }]);

    const row = await app.context.db.selectFrom('document_signers').select('signed_at').where('id', '=', company).executeTakeFirstOrThrow();
    const pngSha = createHash('sha256').update(Buffer.from(signature, 'base64')).digest('hex');
    expect(await signedOnServer(test)).toEqual([{ signer: String(company), method: 'drawn', identity: 'appLogin', signedAt: row.signed_at, image: pngSha }]);
    expect(await test.store.db.selectFrom('published_signers').select('document_id').where('desktop_signer_id', '=', String(company)).executeTakeFirstOrThrow()).toEqual({ document_id: published.published_id });
    expect(await valuesOnServer(test, company)).toEqual({ 'sig-company': signature, 'company-role': 'Prezes zarządu' });
    // The link held for the company's signature is released: a token, and its message to Jan Kowalski.
    const links = await test.store.db.selectFrom('signing_links').select(['message_state', 'token_hash', 'released_at']).execute();
    expect(links).toEqual([{ message_state: 'queued', token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), released_at: expect.any(String) }]);
    expect(test.links.map((m) => [m.channel, m.to])).toEqual([['email', 'jan@example.pl']]);

    // Done: not sent again. And run twice (its answer lost, say), the server records and releases nothing twice.
    expect(await app.reporter.runDue()).toBe(0);
    await app.context.db.updateTable('server_signature_jobs').set({ status: 'pending' }).execute();
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'done' }]);
    expect(await signedOnServer(test)).toHaveLength(1);
    expect(test.links).toHaveLength(1);
  });

  it('a counterparty signing in person on this desktop is reported too, after the company, with the code that checked them', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company, inPerson } = await sent(app, 'companyFirst', { inPersonToo: true });
    await app.publisher.runDue();
    await companySigns(app, doc.id);
    const signer = { documentId: doc.id, signerId: inPerson! };
    await app.ok('signing.inPerson.start', { ...signer, channel: 'email' });
    const otp = await app.context.db.selectFrom('outbox').select('text').where('recipient', '=', 'ewa@example.pl').where('purpose', '=', 'otp').executeTakeFirstOrThrow();
    await app.ok('signing.inPerson.check', { ...signer, code: /\b(\d{6})\b/.exec(otp.text)![1]! });
    await app.ok('signing.inPerson.sign', { ...signer, method: 'typed', image: signature, consent: true });

    expect(await app.reporter.runDue()).toBe(1);
    expect(await app.reporter.runDue()).toBe(1);
    expect((await signedOnServer(test)).map((r) => [r.signer, r.method, r.identity])).toEqual([
      [String(company), 'drawn', 'appLogin'],
      [String(inPerson), 'typed', 'emailCode'],
    ]);
    expect(await valuesOnServer(test, inPerson!)).toEqual({});
  });

  it('with the server down: the report waits and says why (once), is tried again after its backoff, and is delivered once the server is up', async () => {
    const dataDir = tempDir('signet-server-test-');
    const first = await server({ dataDir });
    const port = Number(new URL(first.url).port);
    const app = await paired(first, { keychain: createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 }) });
    const { doc, company } = await sent(app, 'companyFirst');
    await app.publisher.runDue();
    await first.close();

    await companySigns(app, doc.id);
    expect(await app.reporter.runDue()).toBe(1);
    const [waiting] = await reportJobs(app, doc.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(JSON.parse(waiting!.last_error!)).toMatchObject({ messageKey: 'companyServer.errors.unreachable' });
    expect(new Date(waiting!.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    expect((await events(app, doc.id)).at(-1)).toEqual({ type: 'signatureReportDelayed', details: { signer: String(company), error: 'companyServer.errors.unreachable', url: first.url, reason: 'ECONNREFUSED' } });
    // Not due yet: nothing is tried.
    expect(await app.reporter.runDue()).toBe(0);
    // Due again and the server still down: tried, the history not told twice.
    await makeDue(app);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'pending', attempts: 2 }]);
    expect((await events(app, doc.id)).filter((e) => e.type === 'signatureReportDelayed')).toHaveLength(1);

    const second = await server({ dataDir, port });
    await makeDue(app);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'done', attempts: 2, last_error: null }]);
    expect((await signedOnServer(second)).map((r) => r.signer)).toEqual([String(company)]);
    expect(second.links.map((m) => m.to)).toEqual(['jan@example.pl']);
  });

  it('made while the publish is still queued: the report waits for the publish, and the running loops send it once it is published', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company } = await sent(app, 'companyFirst');
    await companySigns(app, doc.id);
    expect(await publishJob(app, doc.id)).toMatchObject({ status: 'pending' });
    expect(await reportJobs(app, doc.id)).toMatchObject([{ signer_id: company, status: 'pending' }]);
    expect(await app.reporter.runDue()).toBe(0);
    expect(await test.store.db.selectFrom('published_documents').selectAll().execute()).toEqual([]);

    // As the app runs them: the publish settling wakes the reports' loop.
    await app.reporter.start();
    await app.publisher.start();
    await until(async () => (await reportJobs(app, doc.id))[0]?.status === 'done');
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'done', attempts: 0 }]);
    expect((await signedOnServer(test)).map((r) => r.signer)).toEqual([String(company)]);
    expect(test.links.map((m) => m.to)).toEqual(['jan@example.pl']);
  });

  it("a document's reports go in the order its signatures were made: one waiting for the server holds back the next", async () => {
    const dataDir = tempDir('signet-server-test-');
    const first = await server({ dataDir });
    const port = Number(new URL(first.url).port);
    const app = await paired(first);
    const colleague = (await app.ok('users.add', { name: 'Piotr Zieliński', isAdmin: false, isSigner: true })).id;
    const { doc, companySigners } = await sent(app, 'companyFirst', { colleagues: [colleague] });
    const [admin, piotr] = companySigners as [number, number];
    await app.publisher.runDue();
    await first.close();

    await companySigns(app, doc.id);
    expect(await app.reporter.runDue()).toBe(1);
    await signAsSigner(app.context, { documentId: doc.id, signerId: piotr, method: 'typed', image: signature, consent: true, identityCheck: 'appLogin', actor: 'Piotr Zieliński' });
    // The second is due now, but the first is waiting for its backoff.
    expect(await app.reporter.runDue()).toBe(0);

    const second = await server({ dataDir, port });
    await makeDue(app);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await app.reporter.runDue()).toBe(1);
    expect((await signedOnServer(second)).map((r) => r.signer)).toEqual([String(admin), String(piotr)]);
    // Released by the company's last signature, not before.
    expect(second.links.map((m) => m.to)).toEqual(['jan@example.pl']);
    expect((await reportJobs(app, doc.id)).map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('a refusal that waiting will not change fails the report with the reason on the document', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company } = await sent(app, 'companyFirst');
    await app.publisher.runDue();
    // The server does not know this signer (a signer the desktop did not publish).
    await test.store.db.updateTable('published_signers').set({ desktop_signer_id: 'someone-else' }).where('desktop_signer_id', '=', String(company)).execute();
    await companySigns(app, doc.id);
    expect(await app.reporter.runDue()).toBe(1);
    const [failed] = await reportJobs(app, doc.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await events(app, doc.id)).at(-1)).toMatchObject({ type: 'signatureReportFailed', details: { signer: String(company), error: 'companyServer.errors.refused', status: '404', code: 'NOT_FOUND' } });
    expect(await app.reporter.runDue()).toBe(0);
    expect(await signedOnServer(test)).toEqual([]);
    expect(test.links).toEqual([]);
  });
});

describe('the seal of a document published to the company server', () => {
  it('the last signature made on the desktop is not sealed here: the document waits for the seal the server makes', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company, counterparty } = await sent(app, 'parallel');
    await app.publisher.runDue();
    await signedOnThePortal(app, counterparty);
    const before = (await app.ok('documents.get', { id: doc.id })).phase;

    const last = await companySigns(app, doc.id);
    expect(last.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    expect(last.phase).toBe(before);
    expect(last.phase).not.toBe('signed');
    expect(await sealedSha(app, doc.id)).toBeNull();
    expect((await events(app, doc.id)).map((e) => e.type)).not.toContain('sealed');
    // Neither does the sweep seal it.
    expect(await completePending(app.context)).toEqual([]);
    expect(await sealedSha(app, doc.id)).toBeNull();
    expect(await app.context.db.selectFrom('outbox').select('purpose').where('purpose', '=', 'signedCopy').execute()).toEqual([]);
    // The server has it instead.
    expect(await app.reporter.runDue()).toBe(1);
    expect((await signedOnServer(test)).map((r) => r.signer)).toEqual([String(company)]);
    expect((await app.ok('documents.get', { id: doc.id })).phase).toBe(before);
  });

  it('a document that was not published is sealed on the desktop at its last signature, as before, with nothing to report', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, counterparty } = await sent(app, 'companyFirst', { channel: 'inPerson' });
    expect(await app.context.db.selectFrom('publish_jobs').selectAll().execute()).toEqual([]);
    await companySigns(app, doc.id);
    const done = await signAsSigner(app.context, { documentId: doc.id, signerId: counterparty, method: 'drawn', image: signature, consent: true, identityCheck: 'emailCode', actor: 'Jan Kowalski' });
    expect(done.phase).toBe('signed');
    expect(await sealedSha(app, doc.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(await reportJobs(app, doc.id)).toEqual([]);
    expect(await app.reporter.runDue()).toBe(0);
    expect(await test.store.db.selectFrom('published_documents').selectAll().execute()).toEqual([]);
  });

  it('published, then this desktop unpaired: still not sealed here (the portal signature is not on this desktop), and the history says the report could not go', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company, counterparty } = await sent(app, 'parallel');
    await app.publisher.runDue();
    await signedOnThePortal(app, counterparty);
    await app.ok('companyServer.unpair', {});

    const last = await companySigns(app, doc.id);
    expect(last.phase).not.toBe('signed');
    expect(await completePending(app.context)).toEqual([]);
    expect(await sealedSha(app, doc.id)).toBeNull();
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect((await events(app, doc.id)).at(-1)).toEqual({ type: 'signatureReportFailed', details: { signer: String(company), error: 'companyServer.errors.notLinked' } });
    expect(await signedOnServer(test)).toEqual([]);
  });
});


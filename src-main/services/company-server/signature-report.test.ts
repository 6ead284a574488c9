import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { desktopSignatureSchema, type DesktopSignature } from '../../../src-shared/company-server/events';
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

interface Received {
  publishedId: string;
  signerId: string;
  body: DesktopSignature;
}

/**
 * STAND-IN until the server's route lands: the real test server behind a pass-through that answers the signature
 * report itself, by the contract, and keeps what it was sent.
 */
async function server(options: Parameters<typeof startTestServer>[0] & { frontPort?: number } = {}): Promise<TestServer & { reports: Received[]; links: LinkMessage[] }> {
  const { frontPort, ...serverOptions } = options;
  const links: LinkMessage[] = [];
  const real = await startTestServer({ linkOutbox: async (_trx, message) => void links.push(message), ...serverOptions });
  const reports: Received[] = [];
  const front = Fastify({ exposeHeadRoutes: false });
  front.removeAllContentTypeParsers();
  front.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  front.post<{ Params: { publishedId: string; signerId: string } }>('/api/v1/documents/:publishedId/signers/:signerId/signature', async (req, reply) => {
    const body = desktopSignatureSchema.parse(JSON.parse((req.body as Buffer).toString('utf8')));
    const known = await real.store.db.selectFrom('published_signers').select('id').where('document_id', '=', req.params.publishedId).where('desktop_signer_id', '=', req.params.signerId).executeTakeFirst();
    if (!known) return reply.code(404).send({ error: { code: 'NOT_FOUND', messageKey: 'companyServer.api.notFound', message: 'Not found' } });
    reports.push({ ...req.params, body });
    return { released: 0, last: false };
  });
  front.all('/*', async (req, reply) => {
    const headers = Object.fromEntries(['authorization', 'content-type', 'upload-offset', 'accept'].filter((h) => req.headers[h]).map((h) => [h, String(req.headers[h])]));
    const answer = await fetch(`${real.url}${req.url}`, { method: req.method, headers, ...(req.body ? { body: req.body as Buffer } : {}) });
    reply.code(answer.status);
    for (const [k, v] of answer.headers) if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive'].includes(k)) reply.header(k, v);
    return Buffer.from(await answer.arrayBuffer());
  });
  const url = await front.listen({ port: frontPort ?? 0, host: '127.0.0.1' });
  return closedAfter({
    ...real,
    url,
    reports,
    links,
    close: async () => {
      await front.close();
      await real.close();
    },
  });
}

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
  it('company first: the company signer signs in the app, and the report reaches the server once, with the signature, how, when and the values', async () => {
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

    const row = await app.context.db.selectFrom('document_signers').select(['signed_at', 'signature_sha256']).where('id', '=', company).executeTakeFirstOrThrow();
    expect(test.reports).toHaveLength(1);
    const [report] = test.reports;
    expect(report).toMatchObject({ publishedId: published.published_id, signerId: String(company) });
    expect(report!.body).toEqual({
      signedAt: row.signed_at,
      method: 'drawn',
      identityCheck: 'appLogin',
      image: signature,
      values: { 'sig-company': signature, 'company-role': 'Prezes zarządu' },
    });
    // Done: not sent again.
    expect(await app.reporter.runDue()).toBe(0);
    expect(test.reports).toHaveLength(1);
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
    expect(test.reports.map((r) => [r.signerId, r.body.method, r.body.identityCheck])).toEqual([
      [String(company), 'drawn', 'appLogin'],
      [String(inPerson), 'typed', 'emailCode'],
    ]);
    expect(test.reports[1]!.body.values).toEqual({});
  });

  it('with the server down: the report waits and says why (once), is tried again after its backoff, and is delivered once the server is up', async () => {
    const dataDir = tempDir('signet-server-test-');
    const first = await server({ dataDir });
    const frontPort = Number(new URL(first.url).port);
    const port = (first.app.server.address() as AddressInfo).port;
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

    const second = await server({ dataDir, port, frontPort });
    await makeDue(app);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'done', attempts: 2, last_error: null }]);
    expect(second.reports.map((r) => r.signerId)).toEqual([String(company)]);
  });

  it('made while the publish is still queued: the report waits for the publish, and the running loops send it once it is published', async () => {
    const test = await server();
    const app = await paired(test);
    const { doc, company } = await sent(app, 'companyFirst');
    await companySigns(app, doc.id);
    expect(await publishJob(app, doc.id)).toMatchObject({ status: 'pending' });
    expect(await reportJobs(app, doc.id)).toMatchObject([{ signer_id: company, status: 'pending' }]);
    expect(await app.reporter.runDue()).toBe(0);
    expect(test.reports).toEqual([]);

    // As the app runs them: the publish settling wakes the reports' loop.
    await app.reporter.start();
    await app.publisher.start();
    await until(async () => (await reportJobs(app, doc.id))[0]?.status === 'done');
    expect(await reportJobs(app, doc.id)).toMatchObject([{ status: 'done', attempts: 0 }]);
    expect(test.reports.map((r) => [r.publishedId, r.signerId])).toEqual([[(await publishJob(app, doc.id)).published_id, String(company)]]);
  });

  it("a document's reports go in the order its signatures were made: one waiting for the server holds back the next", async () => {
    const dataDir = tempDir('signet-server-test-');
    const first = await server({ dataDir });
    const frontPort = Number(new URL(first.url).port);
    const port = (first.app.server.address() as AddressInfo).port;
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

    const second = await server({ dataDir, port, frontPort });
    await makeDue(app);
    expect(await app.reporter.runDue()).toBe(1);
    expect(await app.reporter.runDue()).toBe(1);
    expect(second.reports.map((r) => r.signerId)).toEqual([String(admin), String(piotr)]);
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
    expect(test.reports).toEqual([]);
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
    expect(test.reports.map((r) => r.signerId)).toEqual([String(company)]);
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
    expect(test.reports).toEqual([]);
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
    expect(test.reports).toEqual([]);
  });
});


import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalCodeCheckPath, portalCodePath, portalLinkPath } from '../../../src-shared/portal/signing-link';
import type { NewMessage } from '../../delivery/outbox/enqueue';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { closedAfter } from '../../test-support/closed-after';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { sendDocument } from './send';

/**
 * A counterparty locked out on the portal by five wrong codes, unlocked from the desktop, end to end: the real desktop
 * services (real SQLite, the test keyring) paired with the real company server on a loopback port; the lock reaches
 * the desktop through its feed follower, the unlock goes to the server over HTTP, and the signer asks again.
 */

/** The server, keeping every message its outboxes are given (the link, the codes). */
async function server(): Promise<TestServer & { messages: NewMessage[] }> {
  const messages: NewMessage[] = [];
  const keep = async (_trx: unknown, message: NewMessage) => void messages.push(message);
  return closedAfter(Object.assign(await startTestServer({ linkOutbox: keep, codeOutbox: keep }), { messages }));
}

/** A desktop paired with `test` that sent a document to Jan Kowalski by e-mail (published), and his link's token. */
async function sentByLink(test: TestServer & { messages: NewMessage[] }) {
  const app = closedAfter(await startTestApp({ outbox: { autoStart: false }, publish: { autoStart: false }, reports: { autoStart: false } }));
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  await app.ok('companyServer.pair', { url: test.url, code: await test.newCode(), deviceName: 'Recepcja' });
  const admin = (await app.context.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirstOrThrow()).id;
  const contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl', country: 'PL' } })).id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const draft = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact] });
  const jan = draft.signers.find((s) => s.side === 'counterparty')!.id;
  const channels = Object.fromEntries(draft.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('email' as const)]));
  const doc = await sendDocument(app.context, { id: draft.id, version: draft.version, order: 'parallel', channels });
  await app.publisher.runDue();
  const link = test.messages.find((m) => m.purpose === 'signingLink')!;
  return { app, doc, jan, token: /\/s\/([A-Za-z0-9_-]{43})/.exec(link.text)![1]! };
}

const post = (test: TestServer, p: string, body: unknown) => fetch(`${test.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const newestCode = (test: TestServer & { messages: NewMessage[] }) => /\b(\d{6})\b/.exec(test.messages.filter((m) => m.purpose === 'otp').at(-1)!.text)![1]!;
const codeState = async (test: TestServer, token: string) => ((await (await fetch(`${test.url}${portalLinkPath(token)}`)).json()) as { code?: string }).code;
const events = async (app: TestApp, id: string) => (await app.ok('documents.get', { id })).events.map((e) => ({ type: e.type, actor: e.actor, signer: e.details?.signer }));

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

/** Jan asks for a code and types a wrong one five times; the desktop's follower brings the lock into the history. */
async function lockedOnThePortal(test: TestServer & { messages: NewMessage[] }) {
  const sent = await sentByLink(test);
  expect((await post(test, portalCodePath(sent.token), {})).status).toBe(200);
  const wrong = newestCode(test) === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) await post(test, portalCodeCheckPath(sent.token), { code: wrong });
  expect(await codeState(test, sent.token)).toBe('locked');
  sent.app.follower.start();
  await until(async () => (await events(sent.app, sent.doc.id)).some((e) => e.type === 'otpLocked'));
  await sent.app.follower.stop();
  return sent;
}

describe('signing.unlockCode: a portal signer locked out by wrong codes', () => {
  it('the owner unlocks it: the server frees the lock, the history says who, and Jan asks for a new code that passes', async () => {
    const test = await server();
    const { app, doc, jan, token } = await lockedOnThePortal(test);
    expect((await events(app, doc.id)).filter((e) => e.type.startsWith('otp'))).toEqual([
      { type: 'otpSent', actor: expect.any(String), signer: String(jan) },
      { type: 'otpLocked', actor: expect.any(String), signer: String(jan) },
    ]);

    expect(await app.ok('signing.unlockCode', { documentId: doc.id, signerId: jan })).toEqual({ ok: true });
    expect(await codeState(test, token)).toBe('none');
    expect(await test.store.db.selectFrom('portal_events').select('type').where('type', '=', 'unlocked').execute()).toHaveLength(1);
    expect((await events(app, doc.id)).at(-1)).toEqual({ type: 'otpUnlocked', actor: 'Anna Nowak', signer: String(jan) });

    // The portal's resend limit still holds (a minute after the last code): the test server's clock is the real one.
    await test.store.db.updateTable('otp_challenges').set({ created_at: new Date(Date.now() - 120_000).toISOString() }).execute();
    expect((await post(test, portalCodePath(token), {})).status).toBe(200);
    expect((await post(test, portalCodeCheckPath(token), { code: newestCode(test) })).status).toBe(200);
  });

  it('a server that cannot be reached unlocks nothing: a clear error, and no history entry', async () => {
    const test = await server();
    const { app, doc, jan } = await lockedOnThePortal(test);
    await test.close();
    const refused = await app.call('signing.unlockCode', { documentId: doc.id, signerId: jan });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TRANSPORT', messageKey: 'signing.unlockCode.serverUnreachable', details: { url: test.url } } });
    expect((await events(app, doc.id)).some((e) => e.type === 'otpUnlocked')).toBe(false);
  });

  it('is refused for a signer who does not sign by link, and to an employee who neither owns the document nor administers', async () => {
    const test = await server();
    const { app, doc, jan } = await sentByLink(test);
    const company = doc.signers.find((s) => s.side === 'company')!.id;
    expect(await app.call('signing.unlockCode', { documentId: doc.id, signerId: company })).toMatchObject({ ok: false, error: { messageKey: 'signing.unlockCode.notByLink' } });
    const clerk = await app.ok('users.add', { name: 'Ewa Wiśniewska', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    expect(await app.call('signing.unlockCode', { documentId: doc.id, signerId: jan })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'documents.cancelResend' } } });
  });
});

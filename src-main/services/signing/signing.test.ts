import fs from 'node:fs';
import path from 'node:path';
import { PDF } from '@libpdf/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidenceFileName, type Evidence } from '../../../src-shared/pdf/certificate';
import { appErrorOf, refusalOf } from '../../test-support/app-error';
import { pdfsig, writeTemp } from '../../test-support/pdf-tools';
import { makePng } from '../../test-support/png';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { ensureCompanyIdentity } from '../identity/company-identity';
import { parseKeyRef, secretStoreAt } from '../identity/key-location';
import { completePending } from './complete';
import { cancelDocument, expireDue } from './expiry';
import { checkCode, issueCode, otpMaxAttempts, unlockCodes } from './otp';
import { sendDocument } from './send';
import { declineAsSigner, signAsSigner } from './sign';

let app: TestApp;
let admin: string;
let contact: string;
const signature = makePng(40, 12).toString('base64');

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', companyName: 'Drukarnia Bałtycka', email: 'jan@example.pl' } })).id;
});
afterEach(async () => {
  await app.close();
});

async function draft() {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  return app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact] });
}

async function sent(order: 'companyFirst' | 'parallel' = 'companyFirst') {
  const doc = await draft();
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
  const out = await sendDocument(app.context, { id: doc.id, version: doc.version, order, channels });
  const ids = { company: doc.signers.find((s) => s.side === 'company')!.id, counterparty: doc.signers.find((s) => s.side === 'counterparty')!.id };
  return { doc: out, ...ids };
}

const sign = (documentId: string, signerId: number, extra: Partial<Parameters<typeof signAsSigner>[1]> = {}) =>
  signAsSigner(app.context, { documentId, signerId, method: 'drawn', image: signature, consent: true, identityCheck: 'appLogin', actor: 'Anna Nowak', ...extra });

const eventTypes = async (id: string) => (await app.ok('documents.get', { id })).events.map((e) => e.type);

describe('sending and signing', () => {
  it('company first: the company signs in the app, then the counterparty in person; the last signature seals the PDF and it is Signed', async () => {
    await ensureCompanyIdentity(app.context);
    const { doc, company, counterparty } = await sent();
    expect(doc.phase).toBe('companySigning');
    expect(doc.signers.map((s) => s.status)).toEqual(['sent', 'sent']);
    expect((await appErrorOf(sign(doc.id, counterparty, { identityCheck: 'emailCode' }))).messageKey).toBe('signing.notYourTurn');

    expect((await sign(doc.id, company)).phase).toBe('counterpartySigning');
    expect((await appErrorOf(sign(doc.id, company))).messageKey).toBe('signing.notYourTurn');
    const done = await sign(doc.id, counterparty, { identityCheck: 'emailCode', actor: 'Jan Kowalski', method: 'typed' });
    expect(done.phase).toBe('signed');
    expect(done.signers.map((s) => s.status)).toEqual(['signed', 'signed']);

    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail.chainIntact).toBe(true);
    expect(detail.events.map((e) => e.type)).toEqual(['created', 'sent', 'stageMoved', 'signed', 'stageMoved', 'signed', 'sealed', 'stageMoved']);
    // The sealed PDF is queued for every party with an e-mail address (the administrator has none here).
    const copies = await app.context.db.selectFrom('outbox').select(['recipient', 'attachments', 'subject']).where('purpose', '=', 'signedCopy').execute();
    expect(copies.map((c) => c.recipient)).toEqual(['jan@example.pl']);
    expect(JSON.parse(copies[0]!.attachments)).toEqual([{ filename: expect.stringMatching(/-signed\.pdf$/), contentType: 'application/pdf', sha256: detail.sealedSha256 }]);
    const file = await app.ok('documents.file', { id: doc.id, which: 'sealed' });
    const sealed = Buffer.from(file.data, 'base64');
    expect((await app.ok('pdf.verify', { data: file.data })).verdict).toBe('valid');
    expect(pdfsig(writeTemp(sealed))).toContain('Signature is Valid');
    // The original is a byte-exact prefix of the sealed file.
    const original = Buffer.from((await app.ok('documents.file', { id: doc.id, which: 'original' })).data, 'base64');
    expect(sealed.subarray(0, original.length).equals(original)).toBe(true);
  });

  it('refuses to send what is not a Draft, a counterparty by e-mail while there is no company server, and an expiry in the past', async () => {
    const doc = await draft();
    const company = doc.signers.find((s) => s.side === 'company')!.id;
    const counterparty = doc.signers.find((s) => s.side === 'counterparty')!.id;
    const send = (channels: Record<string, 'app' | 'inPerson' | 'email'>, expiresOn?: string) => sendDocument(app.context, { id: doc.id, version: doc.version, order: 'companyFirst', channels, expiresOn });
    expect((await appErrorOf(send({ [company]: 'app', [counterparty]: 'email' }))).messageKey).toBe('signing.noServerInPersonOnly');
    expect((await appErrorOf(send({ [company]: 'app' }))).messageKey).toBe('signing.channelMissing');
    expect((await appErrorOf(send({ [company]: 'app', [counterparty]: 'inPerson' }, '2000-01-01'))).messageKey).toBe('signing.expiryInPast');
    expect((await app.ok('documents.get', { id: doc.id })).phase).toBe('draft');
    await send({ [company]: 'app', [counterparty]: 'inPerson' });
    expect((await appErrorOf(sendDocument(app.context, { id: doc.id, version: doc.version + 1, order: 'parallel', channels: { [company]: 'app', [counterparty]: 'inPerson' } }))).messageKey).toBe('signing.notDraft');
  });

  it('a Draft cannot be signed, by the employee named on it in the app nor in person: nothing is stored or recorded', async () => {
    const doc = await draft();
    const company = doc.signers.find((s) => s.side === 'company')!.id;
    const counterparty = doc.signers.find((s) => s.side === 'counterparty')!.id;
    const asUser = await refusalOf(app.call('signing.sign', { documentId: doc.id, method: 'drawn', image: signature, consent: true }));
    expect(asUser).toMatchObject({ code: 'VALIDATION', messageKey: 'signing.notOutForSigning' });
    expect((await appErrorOf(sign(doc.id, counterparty, { identityCheck: 'emailCode', actor: 'Jan Kowalski' }))).messageKey).toBe('signing.notOutForSigning');
    expect((await refusalOf(app.call('signing.decline', { documentId: doc.id, reason: 'Nie teraz' }))).messageKey).toBe('signing.notOutForSigning');
    const after = await app.ok('documents.get', { id: doc.id });
    expect(after.phase).toBe('draft');
    expect(after.signers.map((s) => [s.id, s.status])).toEqual([
      [company, 'waiting'],
      [counterparty, 'waiting'],
    ]);
    expect(after.events.map((e) => e.type)).toEqual(['created']);
    expect(await app.context.db.selectFrom('signer_values').select('field_id').execute()).toEqual([]);
  });

  it('refuses a signature without consent or with an image that is not a PNG, and keeps the signer waiting', async () => {
    const { doc, company } = await sent();
    expect((await appErrorOf(sign(doc.id, company, { consent: false }))).messageKey).toBe('signing.consentRequired');
    expect((await appErrorOf(sign(doc.id, company, { image: Buffer.from('GIF89a').toString('base64') }))).messageKey).toBe('validation.pngImage');
    expect((await app.ok('documents.get', { id: doc.id })).signers[0]!.status).toBe('sent');
  });

  it('decline: the document goes to Declined with the reason in its history; nobody can sign it then', async () => {
    const { doc, company, counterparty } = await sent('parallel');
    expect(doc.phase).toBe('counterpartySigning');
    expect((await appErrorOf(declineAsSigner(app.context, { documentId: doc.id, signerId: counterparty, reason: '  ', actor: 'Jan' }))).messageKey).toBe('signing.reasonRequired');
    const declined = await declineAsSigner(app.context, { documentId: doc.id, signerId: counterparty, reason: 'Kwota się nie zgadza', actor: 'Jan Kowalski' });
    expect(declined.phase).toBe('declined');
    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail.events.find((e) => e.type === 'declined')?.details).toMatchObject({ reason: 'Kwota się nie zgadza' });
    expect((await appErrorOf(sign(doc.id, company))).messageKey).toBe('signing.notOutForSigning');
    // The owner has no e-mail address here, so nothing is queued; with one, they are told (see below).
    expect(await app.context.db.selectFrom('outbox').select('id').where('purpose', '=', 'declined').execute()).toEqual([]);
  });

  it('the owner with an e-mail address is told who declined and why; a cancellation tells those who had not signed', async () => {
    await app.ok('users.update', { id: admin, name: 'Anna Nowak', email: 'anna@zaklady.pl', isAdmin: true, isSigner: true });
    const first = await sent('parallel');
    await declineAsSigner(app.context, { documentId: first.doc.id, signerId: first.counterparty, reason: 'Kwota <b>się</b> nie zgadza', actor: 'Jan Kowalski' });
    const [declined] = await app.context.db.selectFrom('outbox').select(['recipient', 'subject', 'text', 'html']).where('purpose', '=', 'declined').execute();
    expect(declined).toMatchObject({ recipient: 'anna@zaklady.pl' });
    expect(declined!.text).toContain('Jan Kowalski');
    expect(declined!.text).toContain('Kwota <b>się</b> nie zgadza');
    expect(declined!.html).toContain('Kwota &lt;b&gt;się&lt;/b&gt; nie zgadza');

    const second = await sent();
    await sign(second.doc.id, second.company);
    await cancelDocument(app.context, { id: second.doc.id });
    const told = await app.context.db.selectFrom('outbox').select('recipient').where('purpose', '=', 'cancelled').execute();
    expect(told.map((r) => r.recipient)).toEqual(['jan@example.pl']);
  });

  it('cancel: only the owner or an administrator withdraws a sent document; it is Cancelled and cannot be signed', async () => {
    const { doc, company } = await sent();
    const clerk = (await app.ok('users.add', { name: 'Piotr Zieliński', isAdmin: false, isSigner: false })).id;
    await app.ok('users.switch', { id: clerk });
    expect((await appErrorOf(cancelDocument(app.context, { id: doc.id }))).messageKey).toBe('signing.onlyOwnerCancels');
    await app.ok('users.switch', { id: admin });
    expect((await cancelDocument(app.context, { id: doc.id, reason: 'Zła wersja' })).phase).toBe('cancelled');
    expect((await appErrorOf(sign(doc.id, company))).messageKey).toBe('signing.notOutForSigning');
    expect(await eventTypes(doc.id)).toContain('cancelled');
  });

  it('expiry: past its deadline a sent document is Expired by the sweep, and a signature after it is refused (and expires it)', async () => {
    const first = await sent();
    const second = await sent();
    const later = new Date(Date.now() + 15 * 86_400_000);
    app.context.now = () => later;
    expect((await appErrorOf(sign(first.doc.id, first.company))).messageKey).toBe('signing.expired');
    expect((await app.ok('documents.get', { id: first.doc.id })).phase).toBe('expired');
    expect(await expireDue(app.context)).toEqual([second.doc.id]);
    expect((await app.ok('documents.get', { id: second.doc.id })).phase).toBe('expired');
    expect(await expireDue(app.context)).toEqual([]);
    expect((await eventTypes(second.doc.id)).filter((t) => t === 'expired')).toHaveLength(1);
  });
});

describe('one-time codes for signing in person', () => {
  it('the right code passes once; a new code replaces the old one; only a salted hash is stored', async () => {
    const { counterparty } = await sent();
    const first = await issueCode(app.context, counterparty, 'email');
    expect(first.code).toMatch(/^\d{6}$/);
    const second = await issueCode(app.context, counterparty, 'email');
    const stored = await app.context.db.selectFrom('otp_challenges').selectAll().execute();
    expect(stored.map((r) => r.state).sort()).toEqual(['open', 'replaced']);
    expect(JSON.stringify(stored)).not.toContain(second.code);
    if (first.code !== second.code) expect((await appErrorOf(checkCode(app.context, counterparty, first.code))).messageKey).toBe('signing.otp.wrong');
    expect(await checkCode(app.context, counterparty, second.code.replace(/(\d{3})/, '$1 '))).toEqual({ channel: 'email' });
    expect((await appErrorOf(checkCode(app.context, counterparty, second.code))).messageKey).toBe('signing.otp.none');
  });

  it('expires after five minutes', async () => {
    const { counterparty } = await sent();
    const { code } = await issueCode(app.context, counterparty, 'sms');
    const start = Date.now();
    app.context.now = () => new Date(start + 5 * 60_000 + 1000);
    expect((await appErrorOf(checkCode(app.context, counterparty, code))).messageKey).toBe('signing.otp.expired');
  });

  it('five wrong codes lock it: the right one is refused too and no new code is given until the employee unlocks', async () => {
    const { counterparty } = await sent();
    const { code } = await issueCode(app.context, counterparty, 'email');
    const wrong = code === '000000' ? '111111' : '000000';
    const left: unknown[] = [];
    for (let i = 0; i < otpMaxAttempts; i++) left.push((await appErrorOf(checkCode(app.context, counterparty, wrong))).details?.['attemptsLeft']);
    expect(left).toEqual([4, 3, 2, 1, undefined]);
    expect((await appErrorOf(checkCode(app.context, counterparty, code))).messageKey).toBe('signing.otp.locked');
    expect((await appErrorOf(issueCode(app.context, counterparty, 'email'))).messageKey).toBe('signing.otp.locked');
    await unlockCodes(app.context, counterparty);
    const fresh = await issueCode(app.context, counterparty, 'email');
    expect(await checkCode(app.context, counterparty, fresh.code)).toEqual({ channel: 'email' });
  });
});

describe('signing through the contract', () => {
  it("the signed-in employee signs their own place; a colleague who is not a signer of it is refused; bad input is a validation error", async () => {
    const doc = await draft();
    const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? 'app' : 'inPerson'] as const));
    expect((await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels })).phase).toBe('companySigning');
    const bad = await app.call('signing.sign', { documentId: doc.id, method: 'scribbled' as 'drawn', image: signature, consent: true });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');

    const colleague = (await app.ok('users.add', { name: 'Piotr Zieliński', isAdmin: false, isSigner: true })).id;
    await app.ok('users.switch', { id: colleague });
    const refused = await app.call('signing.sign', { documentId: doc.id, method: 'drawn', image: signature, consent: true });
    expect(refused.ok ? null : refused.error.messageKey).toBe('signing.notASignerHere');
    await app.ok('users.switch', { id: admin });
    const signed = await app.ok('signing.sign', { documentId: doc.id, method: 'drawn', image: signature, consent: true });
    expect(signed.phase).toBe('counterpartySigning');
    expect(signed.signers.find((s) => s.side === 'company')?.status).toBe('signed');
    const history = await app.ok('documents.get', { id: doc.id });
    expect(history.events.find((e) => e.type === 'signed')).toMatchObject({ actor: 'Anna Nowak', details: { method: 'drawn', identity: 'appLogin' } });
  });
});

describe('sealing that fails', () => {
  it('keeps every signature when the seal cannot be made (the company key is lost), and the sweep seals it once it can', async () => {
    await ensureCompanyIdentity(app.context);
    const seal = await app.context.db.selectFrom('company_certificates').select('key_account').where('role', '=', 'seal').where('active', '=', 1).executeTakeFirstOrThrow();
    const { location, account } = parseKeyRef(seal.key_account!);
    expect(await secretStoreAt(app.context, location).delete(account)).toBe(true);
    const { doc, company, counterparty } = await sent();
    await sign(doc.id, company);
    const last = await sign(doc.id, counterparty, { identityCheck: 'emailCode', actor: 'Jan Kowalski' });
    expect(last.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    expect(last.phase).toBe('counterpartySigning');
    expect(await completePending(app.context)).toEqual([]);
    await ensureCompanyIdentity(app.context, { replaceLostKey: true });
    expect(await completePending(app.context)).toEqual([doc.id]);
    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail.phase).toBe('signed');
    expect(detail.sealedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await completePending(app.context)).toEqual([]);
  });
});

describe('fields at signing', () => {
  it('a required field left empty blocks signing; filled, the values, signature images and date are drawn and sealed', async () => {
    await ensureCompanyIdentity(app.context);
    const doc = await draft();
    const rect = (y: number) => ({ x: 72, y, width: 180, height: 36 });
    const layout = {
      fields: [
        { id: 'sig-company', kind: 'signature', page: 0, rect: rect(100), signerId: 'company-1', required: true },
        { id: 'sig-client', kind: 'signature', page: 0, rect: rect(150), signerId: 'counterparty-1', required: true },
        { id: 'client-city', kind: 'text', page: 0, rect: rect(200), signerId: 'counterparty-1', required: true, label: 'Miejscowość' },
        { id: 'client-date', kind: 'dateSigned', page: 0, rect: rect(250), signerId: 'counterparty-1', required: true },
        { id: 'client-company', kind: 'companyName', page: 0, rect: rect(300), signerId: 'counterparty-1', required: false },
      ],
    };
    const saved = await app.ok('documents.fields.save', { id: doc.id, version: doc.version, layout, values: { 'client-company': 'Drukarnia Bałtycka' } });
    const fresh = await app.ok('documents.get', { id: doc.id });
    const channels = Object.fromEntries(fresh.signers.map((s) => [String(s.id), s.side === 'company' ? 'app' : 'inPerson'] as const));
    expect(saved.layout.fields).toHaveLength(5);
    await app.ok('signing.send', { id: doc.id, version: fresh.version, order: 'companyFirst', channels });
    const counterparty = fresh.signers.find((s) => s.side === 'counterparty')!.id;
    await sign(doc.id, fresh.signers.find((s) => s.side === 'company')!.id);

    const blocked = await appErrorOf(sign(doc.id, counterparty, { identityCheck: 'emailCode' }));
    expect(blocked.messageKey).toBe('errors.validation');
    expect(JSON.stringify(blocked.details)).toContain('client-city');
    // Not theirs to fill: the date is the app's, the company's signature the company's.
    const notTheirs = await appErrorOf(sign(doc.id, counterparty, { identityCheck: 'emailCode', values: { 'client-city': 'Gdańsk', 'client-date': '2020-01-01' } }));
    expect(JSON.stringify(notTheirs.details)).toContain('client-date');
    expect((await app.ok('documents.get', { id: doc.id })).signers.find((s) => s.id === counterparty)?.status).toBe('sent');

    const done = await sign(doc.id, counterparty, { identityCheck: 'emailCode', values: { 'client-city': 'Gdańsk' } });
    expect(done.phase).toBe('signed');
    const stored = await app.context.db.selectFrom('signer_values').select(['field_id', 'value']).where('signer_id', '=', counterparty).orderBy('field_id').execute();
    expect(stored.map((r) => r.field_id)).toEqual(['client-city', 'client-company', 'client-date', 'sig-client']);
    expect(JSON.parse(stored.find((r) => r.field_id === 'client-date')!.value)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sealed = await app.ok('documents.file', { id: doc.id, which: 'sealed' });
    const report = await app.ok('pdf.verify', { data: sealed.data });
    expect(report.verdict).toBe('valid');
    expect(report.evidence?.chainIntact).toBe(true);
    // The evidence inside the sealed file lists every drawn field with a fingerprint of its value.
    const attachment = (await PDF.load(Buffer.from(sealed.data, 'base64'))).getAttachment(evidenceFileName)!;
    const evidence = JSON.parse(new TextDecoder().decode(attachment)) as Evidence;
    expect(evidence.fields!.map((f) => f.id).sort()).toEqual(['client-city', 'client-company', 'client-date', 'sig-client', 'sig-company']);
    expect(evidence.fields!.every((f) => f.sha256)).toBe(true);
  });
});

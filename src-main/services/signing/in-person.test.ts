import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePng } from '../../test-support/png';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;
const signature = makePng(40, 12).toString('base64');

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
});
afterEach(async () => {
  await app.close();
});

/** A document out for signing, the company's signature already given, the counterparty to sign in person. */
async function waitingForCounterparty(contact: { email?: string; phone?: string } = { email: 'jan.kowalski@example.pl', phone: '601 234 567' }) {
  const counterparty = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', ...contact } })).id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa najmu', companySignerIds: [admin], counterpartyContactIds: [counterparty] });
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? 'app' : 'inPerson'] as const));
  await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels });
  await app.ok('signing.sign', { documentId: doc.id, method: 'drawn', image: signature, consent: true });
  return { documentId: doc.id, signerId: doc.signers.find((s) => s.side === 'counterparty')!.id };
}

/** The code as the signer receives it: read from the message the outbox holds for them. */
async function codeSentTo(recipient: string): Promise<string> {
  const row = await app.context.db.selectFrom('outbox').select('text').where('recipient', '=', recipient).where('purpose', '=', 'otp').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(row.text)![1]!;
}

const refusal = async (result: Promise<{ ok: boolean; error?: { messageKey: string } }>) => {
  const r = await result;
  return r.ok ? 'ok' : r.error!.messageKey;
};

describe('signing in person', () => {
  it('a code to the signer’s own e-mail (masked on screen), then the signature with that identity check, and the document is signed', async () => {
    const signer = await waitingForCounterparty();
    expect(await refusal(app.call('signing.inPerson.sign', { ...signer, method: 'typed', image: signature, consent: true }))).toBe('signing.inPerson.identityNotChecked');
    const started = await app.ok('signing.inPerson.start', { ...signer, channel: 'email' });
    expect(started.sentTo).toMatch(/^j•+@example\.pl$/);
    const code = await codeSentTo('jan.kowalski@example.pl');
    expect(await app.ok('signing.inPerson.check', { ...signer, code })).toEqual({ identityCheck: 'emailCode' });
    await app.ok('signing.inPerson.sign', { ...signer, method: 'typed', image: signature, consent: true });
    const doc = await app.ok('documents.get', { id: signer.documentId });
    expect(doc.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    expect(doc.events.map((e) => e.type)).toEqual(expect.arrayContaining(['otpSent', 'identityChecked']));
    expect(doc.events.find((e) => e.type === 'signed' && e.details?.['identity'] === 'emailCode')?.actor).toBe('Jan Kowalski');
  });

  it('by SMS the code goes to the number in E.164; without an address the start is refused and nothing is queued', async () => {
    const signer = await waitingForCounterparty({ phone: '601 234 567' });
    expect(await refusal(app.call('signing.inPerson.start', { ...signer, channel: 'email' }))).toBe('signing.inPerson.noEmail');
    expect(await app.context.db.selectFrom('outbox').select('id').execute()).toEqual([]);
    await app.ok('signing.inPerson.start', { ...signer, channel: 'sms' });
    const code = await codeSentTo('+48601234567');
    expect(await app.ok('signing.inPerson.check', { ...signer, code })).toEqual({ identityCheck: 'smsCode' });
  });

  it('five wrong codes lock it; the employee unlocks, a new code works; a malformed code is a validation error', async () => {
    const signer = await waitingForCounterparty();
    await app.ok('signing.inPerson.start', { ...signer, channel: 'email' });
    const code = await codeSentTo('jan.kowalski@example.pl');
    const wrong = code === '123456' ? '654321' : '123456';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await refusal(app.call('signing.inPerson.check', { ...signer, code: wrong })));
    expect(answers).toEqual(['signing.otp.wrong', 'signing.otp.wrong', 'signing.otp.wrong', 'signing.otp.wrong', 'signing.otp.locked']);
    expect(await refusal(app.call('signing.inPerson.check', { ...signer, code }))).toBe('signing.otp.locked');
    expect(await refusal(app.call('signing.inPerson.start', { ...signer, channel: 'email' }))).toBe('signing.otp.locked');
    await app.ok('signing.inPerson.unlockCode', signer);
    await app.ok('signing.inPerson.start', { ...signer, channel: 'email' });
    expect(await app.ok('signing.inPerson.check', { ...signer, code: await codeSentTo('jan.kowalski@example.pl') })).toEqual({ identityCheck: 'emailCode' });
    expect(await refusal(app.call('signing.inPerson.check', { ...signer, code: '12ab56' }))).toBe('errors.validation');
  });
});

describe('the kiosk', () => {
  it('while locked the main side answers only that signer’s own calls; the PIN opens it, five wrong PINs shut it for 15 minutes', async () => {
    const signer = await waitingForCounterparty();
    const other = await waitingForCounterparty({ email: 'ewa@example.pl' });
    expect(await app.ok('kiosk.lock', { ...signer, pin: '2468' })).toEqual({ locked: true, documentId: signer.documentId, signerId: signer.signerId });
    // The rest of the app is shut, also for a page that calls the main side directly.
    expect(await refusal(app.call('contacts.list', {}))).toBe('kiosk.locked');
    expect(await refusal(app.call('documents.get', { id: other.documentId }))).toBe('kiosk.locked');
    expect(await refusal(app.call('signing.inPerson.start', { ...other, channel: 'email' }))).toBe('kiosk.locked');
    expect(await refusal(app.call('signing.sign', { documentId: signer.documentId, method: 'drawn', image: signature, consent: true }))).toBe('kiosk.locked');
    // Their own document and their own code still work.
    expect((await app.ok('documents.get', { id: signer.documentId })).id).toBe(signer.documentId);
    await app.ok('signing.inPerson.start', { ...signer, channel: 'email' });
    expect(await app.ok('kiosk.state', {})).toMatchObject({ locked: true });

    expect(await refusal(app.call('kiosk.unlock', { pin: '1111' }))).toBe('kiosk.wrongPin');
    expect(await app.ok('kiosk.unlock', { pin: '2468' })).toEqual({ locked: false });
    expect((await app.ok('documents.get', { id: other.documentId })).id).toBe(other.documentId);

    await app.ok('kiosk.lock', { ...signer, pin: '2468' });
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await refusal(app.call('kiosk.unlock', { pin: '0000' })));
    expect(tries).toEqual(['kiosk.wrongPin', 'kiosk.wrongPin', 'kiosk.wrongPin', 'kiosk.wrongPin', 'kiosk.pinLocked']);
    expect(await refusal(app.call('kiosk.unlock', { pin: '2468' }))).toBe('kiosk.pinLocked');
    // A quarter of an hour later the right PIN opens it again.
    const later = new Date(Date.now() + 16 * 60_000);
    app.context.now = () => later;
    expect(await app.ok('kiosk.unlock', { pin: '2468' })).toEqual({ locked: false });
  });

  it('stays locked across a restart of the app', async () => {
    const signer = await waitingForCounterparty();
    await app.ok('kiosk.lock', { ...signer, pin: '975310' });
    const dataDir = app.dataDir;
    await app.close();
    app = await startTestApp({ dataDir, keychain: app.context.keychain });
    expect(await app.ok('kiosk.state', {})).toEqual({ locked: true, documentId: signer.documentId, signerId: signer.signerId });
    expect(await refusal(app.call('board.view.get', {}))).toBe('kiosk.locked');
    expect(await app.ok('kiosk.unlock', { pin: '975310' })).toEqual({ locked: false });
  });
});

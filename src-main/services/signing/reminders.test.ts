import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalOf } from '../../test-support/app-error';
import { makePng } from '../../test-support/png';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { ensureCompanyIdentity } from '../identity/company-identity';
import { cancelDocument } from './expiry';
import { startExpirySweep } from './expiry-sweep';
import { remindDue } from './reminders';
import { sendDocument } from './send';
import { signAsSigner } from './sign';

/*
 * Reminders on a real SQLite store with the clock moved by hand: by hand to the right people only, automatically
 * every N days from the sending (at most one per period, one after a long gap), never past the deadline or once the
 * document is no longer out for signing, and exactly once across a restart or two runs at the same moment.
 */

const day = 86_400_000;
const t0 = Date.parse('2030-03-04T09:00:00.000Z');
let app: TestApp;
let owner: string;
let piotr: string;
let ewa: string;
let contact: string;

const at = (ms: number) => {
  app.context.now = () => new Date(ms);
};

beforeEach(async () => {
  app = await startTestApp({ outbox: { autoStart: false } });
  owner = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  piotr = (await app.ok('users.add', { name: 'Piotr Zieliński', email: 'piotr.zielinski@zaklady.pl', isAdmin: false, isSigner: true })).id;
  ewa = (await app.ok('users.add', { name: 'Ewa Wiśniewska', isAdmin: false, isSigner: true })).id;
  contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl' } })).id;
  at(t0);
});
afterEach(async () => {
  await app.close();
});

interface Sending {
  companySignerIds?: string[];
  order?: 'companyFirst' | 'parallel';
  reminderDays?: number;
  /** Days after t0 of the last day it can be signed. */
  expiresInDays?: number;
}

/** A document sent at t0 by Anna: company signers in the app, Jan in person; Polish, with a personal message. */
async function sent({ companySignerIds = [piotr, ewa], order = 'companyFirst', reminderDays, expiresInDays = 90 }: Sending = {}) {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds, counterpartyContactIds: [contact] });
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
  const expiresOn = new Date(t0 + expiresInDays * day).toISOString().slice(0, 10);
  await sendDocument(app.context, { id: doc.id, version: doc.version, order, channels, expiresOn, reminderDays, language: 'pl', message: 'Proszę o podpis do piątku.' });
  const signerOf = (userId: string) => doc.signers.find((s) => s.userId === userId)?.id ?? 0;
  return { id: doc.id, piotr: signerOf(piotr), ewa: signerOf(ewa), jan: doc.signers.find((s) => s.side === 'counterparty')!.id };
}

const reminders = () => app.context.db.selectFrom('outbox').select(['recipient', 'subject', 'text', 'idempotency_key']).where('purpose', '=', 'reminder').orderBy('created_at').execute();
const reminderEvents = async (id: string) => (await app.ok('documents.get', { id })).events.filter((e) => e.type === 'reminded');
const sign = (documentId: string, signerId: number, actor: string) =>
  signAsSigner(app.context, { documentId, signerId, method: 'drawn', image: makePng(40, 12).toString('base64'), consent: true, identityCheck: 'appLogin', actor });

describe('a reminder by hand', () => {
  it('goes to the employee whose turn it is and who has an e-mail address, pointing to Signet; the history names who sent it to whom', async () => {
    const doc = await sent();
    at(t0 + 2 * 60 * 60_000);
    const outcome = await app.ok('signing.remind', { id: doc.id });
    expect(outcome.reminded).toEqual([{ signerId: doc.piotr, name: 'Piotr Zieliński', channel: 'email', to: 'piotr.zielinski@zaklady.pl' }]);
    // Ewa has no address; Jan (in person) is not due before the company has signed, so not named at all.
    expect(outcome.leftOut).toEqual([{ signerId: doc.ewa, name: 'Ewa Wiśniewska', reason: 'noEmail' }]);

    const [mail, ...more] = await reminders();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ recipient: 'piotr.zielinski@zaklady.pl', subject: 'Przypomnienie: „Umowa o zachowaniu poufności” czeka na Twój podpis' });
    expect(mail!.text).toContain(`signet://sign/${doc.id}`);
    expect(mail!.text).toContain('wybierz Do podpisu');
    expect(mail!.text).toContain('Anna Nowak pisze: Proszę o podpis do piątku.');
    const [event] = await reminderEvents(doc.id);
    expect(event).toMatchObject({ actor: 'Anna Nowak', at: new Date(t0 + 2 * 60 * 60_000).toISOString(), details: { signer: String(doc.piotr), channel: 'email', mode: 'manual' } });
  });

  it('is refused again within the cooldown, and goes after it; two clicks at once write one message', async () => {
    const doc = await sent({ companySignerIds: [piotr] });
    await app.ok('signing.remind', { id: doc.id });
    at(t0 + 10 * 60_000);
    const tooSoon = await refusalOf(app.call('signing.remind', { id: doc.id }));
    expect(tooSoon).toMatchObject({ messageKey: 'signing.reminder.tooSoon', details: { signers: 'Piotr Zieliński', minutes: 15 } });
    expect((await app.ok('signing.reminders', { id: doc.id })).leftOut).toEqual([{ signerId: doc.piotr, name: 'Piotr Zieliński', reason: 'recentlyReminded' }]);

    at(t0 + 16 * 60_000);
    const both = await Promise.allSettled([app.ok('signing.remind', { id: doc.id }), app.ok('signing.remind', { id: doc.id })]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await reminders()).map((m) => m.idempotency_key)).toEqual([`${doc.id}:reminder:${doc.piotr}:1`, `${doc.id}:reminder:${doc.piotr}:2`]);
    expect(await reminderEvents(doc.id)).toHaveLength(2);
  });

  it('says why when only a counterparty who signs in person is left, and lists them beside those it reaches', async () => {
    const parallel = await sent({ companySignerIds: [piotr], order: 'parallel' });
    const plan = await app.ok('signing.reminders', { id: parallel.id });
    expect(plan.remindable.map((r) => r.name)).toEqual(['Piotr Zieliński']);
    expect(plan.leftOut).toEqual([{ signerId: parallel.jan, name: 'Jan Kowalski', reason: 'inPerson' }]);

    await sign(parallel.id, parallel.piotr, 'Piotr Zieliński');
    const refusal = await refusalOf(app.call('signing.remind', { id: parallel.id }));
    expect(refusal).toMatchObject({ code: 'VALIDATION', messageKey: 'signing.reminder.onlyInPerson', details: { signers: 'Jan Kowalski' } });
    expect(await reminders()).toEqual([]);
    expect(await reminderEvents(parallel.id)).toEqual([]);
  });

  it('names the employees it cannot reach without an e-mail address', async () => {
    const doc = await sent({ companySignerIds: [ewa] });
    expect(await refusalOf(app.call('signing.remind', { id: doc.id }))).toMatchObject({ messageKey: 'signing.reminder.noEmail', details: { signers: 'Ewa Wiśniewska' } });
  });

  it('is for the owner or an administrator, and only while the document is out for signing', async () => {
    const doc = await sent({ companySignerIds: [piotr] });
    await app.ok('users.switch', { id: piotr });
    expect(await refusalOf(app.call('signing.remind', { id: doc.id }))).toMatchObject({ code: 'FORBIDDEN', messageKey: 'signing.onlyOwnerReminds' });
    await app.ok('users.switch', { id: owner });
    await cancelDocument(app.context, { id: doc.id });
    expect((await refusalOf(app.call('signing.remind', { id: doc.id }))).messageKey).toBe('signing.notOutForSigning');
    expect(await reminders()).toEqual([]);
  });
});

describe('automatic reminders', () => {
  it('every N days from the sending: at day N, not again before 2N, and after a long gap one, not the missed ones', async () => {
    const doc = await sent({ reminderDays: 3 });
    expect((await app.ok('signing.reminders', { id: doc.id })).nextAutomaticAt).toBe(new Date(t0 + 3 * day).toISOString());
    at(t0 + 3 * day - 60_000);
    expect(await remindDue(app.context)).toEqual([]);
    at(t0 + 3 * day);
    expect(await remindDue(app.context)).toEqual([doc.id]);
    expect((await reminders()).map((m) => m.recipient)).toEqual(['piotr.zielinski@zaklady.pl']);
    expect((await reminderEvents(doc.id))[0]).toMatchObject({ actor: 'Signet', details: { signer: String(doc.piotr), mode: 'automatic' } });

    at(t0 + 5 * day);
    expect(await remindDue(app.context)).toEqual([]);
    at(t0 + 6 * day - 60_000);
    expect(await remindDue(app.context)).toEqual([]);
    at(t0 + 6 * day);
    expect(await remindDue(app.context)).toEqual([doc.id]);
    expect(await reminders()).toHaveLength(2);

    // Offline for three weeks: one reminder when the app comes back, and the next period counts from it.
    at(t0 + 27 * day);
    expect(await remindDue(app.context)).toEqual([doc.id]);
    expect(await remindDue(app.context)).toEqual([]);
    expect(await reminders()).toHaveLength(3);
    expect((await app.ok('signing.reminders', { id: doc.id })).nextAutomaticAt).toBe(new Date(t0 + 30 * day).toISOString());
    at(t0 + 30 * day - 60_000);
    expect(await remindDue(app.context)).toEqual([]);
  });

  it('counts from a reminder sent by hand, so none follows it the next day', async () => {
    const doc = await sent({ companySignerIds: [piotr], reminderDays: 3 });
    at(t0 + 2 * day);
    await app.ok('signing.remind', { id: doc.id });
    at(t0 + 3 * day);
    expect(await remindDue(app.context)).toEqual([]);
    expect((await app.ok('signing.reminders', { id: doc.id })).nextAutomaticAt).toBe(new Date(t0 + 5 * day).toISOString());
    at(t0 + 5 * day);
    expect(await remindDue(app.context)).toEqual([doc.id]);
  });

  it('sends nothing past the deadline (even before the sweep expired it), for a cancelled or a signed document, or with reminders off', async () => {
    await ensureCompanyIdentity(app.context);
    const expiring = await sent({ companySignerIds: [piotr], reminderDays: 2, expiresInDays: 3 });
    const cancelled = await sent({ companySignerIds: [piotr], reminderDays: 2 });
    const signed = await sent({ companySignerIds: [piotr], reminderDays: 2 });
    const off = await sent({ companySignerIds: [piotr] });
    await cancelDocument(app.context, { id: cancelled.id });
    await sign(signed.id, signed.piotr, 'Piotr Zieliński');
    expect((await signAsSigner(app.context, { documentId: signed.id, signerId: signed.jan, method: 'typed', image: makePng(40, 12).toString('base64'), consent: true, identityCheck: 'emailCode', actor: 'Jan Kowalski' })).phase).toBe('signed');

    at(t0 + 2 * day);
    expect(await remindDue(app.context)).toEqual([expiring.id]);
    // The next one (day 4) would fall after the last day (day 3, to its end): none is planned.
    expect((await app.ok('signing.reminders', { id: expiring.id })).nextAutomaticAt).toBeUndefined();
    at(t0 + 4 * day + 60_000);
    expect(await remindDue(app.context)).toEqual([]);
    expect((await app.ok('documents.get', { id: expiring.id })).phase).toBe('companySigning');
    at(t0 + 60 * day);
    expect(await remindDue(app.context)).toEqual([]);
    expect((await reminders()).length).toBe(1);
    expect(await reminderEvents(off.id)).toEqual([]);
  });

  it('go out from the signing sweep', async () => {
    const doc = await sent({ companySignerIds: [piotr], reminderDays: 3 });
    at(t0 + 3 * day);
    await startExpirySweep(app.context, 3_600_000).stop();
    expect(await reminderEvents(doc.id)).toHaveLength(1);
  });

  it('is sent once across a restart and when two runs meet', async () => {
    const doc = await sent({ companySignerIds: [piotr], reminderDays: 3 });
    at(t0 + 3 * day);
    const [first, second] = await Promise.all([remindDue(app.context), remindDue(app.context)]);
    expect([...first!, ...second!]).toEqual([doc.id]);
    expect(await reminders()).toHaveLength(1);

    const dataDir = app.dataDir;
    await app.close();
    app = await startTestApp({ dataDir, outbox: { autoStart: false } });
    at(t0 + 3 * day + 60 * 60_000);
    expect(await remindDue(app.context)).toEqual([]);
    expect(await reminders()).toHaveLength(1);
    at(t0 + 6 * day);
    expect(await remindDue(app.context)).toEqual([doc.id]);
    expect((await reminders()).map((m) => m.idempotency_key)).toEqual([`${doc.id}:reminder:${doc.piotr}:1`, `${doc.id}:reminder:${doc.piotr}:2`]);
  });
});

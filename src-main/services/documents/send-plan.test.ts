import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expireDue } from '../signing/expiry';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;
let contact: string;
let other: string;

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  contact = (await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', email: 'a.dabrowska@example.pl' } })).id;
  other = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jonas', lastName: 'Becker', country: 'DE' } })).id;
});
afterEach(async () => {
  await app.close();
});

async function draft() {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  return app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'NDA', companySignerIds: [admin], counterpartyContactIds: [contact] });
}

describe('documents.sendPlan.save', () => {
  it('keeps the order and the delivery choices on the Draft, returns them with the document, and records what changed', async () => {
    const doc = await draft();
    expect(doc.sendPlan).toEqual({ channels: {} });
    const [company, counterparty] = doc.signers.map((s) => String(s.id));

    const ordered = await app.ok('documents.sendPlan.save', { id: doc.id, version: doc.version, order: 'parallel' });
    expect(ordered.sendPlan).toEqual({ order: 'parallel', channels: {} });
    expect(ordered.version).toBe(doc.version + 1);
    expect(ordered.events.at(-1)).toMatchObject({ type: 'updated', actor: 'Anna Nowak', details: { changed: 'order' } });

    const plan = { channels: { [company!]: 'app', [counterparty!]: 'inPerson' }, language: 'en', message: '  Please sign by Friday.  ', expiresOn: '2030-05-31', reminderDays: 3 } as const;
    const delivered = await app.ok('documents.sendPlan.save', { id: doc.id, version: ordered.version, ...plan });
    expect(delivered.sendPlan).toEqual({ order: 'parallel', channels: plan.channels, language: 'en', message: 'Please sign by Friday.', expiresOn: '2030-05-31', reminderDays: 3 });
    expect(delivered.events.at(-1)?.details).toEqual({ changed: 'language,message,expiresOn,reminderDays,channels' });
    expect((await app.ok('documents.get', { id: doc.id })).sendPlan).toEqual(delivered.sendPlan);

    // The same choices again change nothing: no new version, no history entry.
    const same = await app.ok('documents.sendPlan.save', { id: doc.id, version: delivered.version, order: 'parallel', ...plan });
    expect(same.version).toBe(delivered.version);
    expect(same.events).toHaveLength(delivered.events.length);

    const cleared = await app.ok('documents.sendPlan.save', { id: doc.id, version: same.version, message: '', reminderDays: null });
    expect(cleared.sendPlan).toEqual({ order: 'parallel', channels: plan.channels, language: 'en', expiresOn: '2030-05-31' });
    expect(cleared.events.at(-1)?.details).toEqual({ changed: 'message,reminderDays' });
  });

  it('refuses a stale version, a channel for someone not on the document, bad values, and a document already sent', async () => {
    const doc = await draft();
    const stale = await app.call('documents.sendPlan.save', { id: doc.id, version: doc.version + 1, order: 'parallel' });
    expect(!stale.ok && stale.error).toMatchObject({ code: 'VALIDATION', messageKey: 'documents.changedMeanwhile', details: { version: doc.version } });
    const stranger = await app.call('documents.sendPlan.save', { id: doc.id, version: doc.version, channels: { '999999': 'inPerson' } });
    expect(!stranger.ok && stranger.error).toMatchObject({ code: 'VALIDATION', messageKey: 'documents.sendPlan.notASigner' });
    const bad = await app.call('documents.sendPlan.save', {
      id: doc.id,
      version: doc.version,
      order: 'random' as never,
      channels: { [String(doc.signers[1]!.id)]: 'fax' as never },
      message: 'x'.repeat(1001),
      expiresOn: '31.05.2030',
      reminderDays: 31,
    });
    expect(!bad.ok && bad.error.details?.issues).toEqual([
      { path: 'order', messageKey: 'validation.choice' },
      { path: `channels.${doc.signers[1]!.id}`, messageKey: 'validation.choice' },
      { path: 'message', messageKey: 'validation.tooLong' },
      { path: 'expiresOn', messageKey: 'validation.date' },
      { path: 'reminderDays', messageKey: 'validation.invalid' },
    ]);
    expect((await app.ok('documents.get', { id: doc.id })).version).toBe(doc.version);

    const channels = { [String(doc.signers[0]!.id)]: 'app' as const, [String(doc.signers[1]!.id)]: 'inPerson' as const };
    const sent = await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels, expiresOn: '2030-06-30' });
    const late = await app.call('documents.sendPlan.save', { id: doc.id, version: sent.version, order: 'parallel' });
    expect(!late.ok && late.error.messageKey).toBe('documents.notDraft');
    // Once sent, the plan read back is what went out, the deadline included.
    expect((await app.ok('documents.get', { id: doc.id })).sendPlan).toEqual({ order: 'companyFirst', channels, expiresOn: '2030-06-30' });
  });

  it('keeps the channel of a signer who stays when the signers change, and a Draft’s past deadline day is not a deadline', async () => {
    const doc = await draft();
    const [company, counterparty] = doc.signers.map((s) => String(s.id));
    const saved = await app.ok('documents.sendPlan.save', { id: doc.id, version: doc.version, channels: { [company!]: 'app', [counterparty!]: 'inPerson' }, expiresOn: '2001-01-01' });
    const swapped = await app.ok('documents.update', { id: doc.id, version: saved.version, counterpartyContactIds: [other, contact] });
    const byName = Object.fromEntries(swapped.signers.map((s) => [s.name, swapped.sendPlan.channels[String(s.id)]]));
    expect(byName).toEqual({ 'Anna Nowak': 'app', 'Jonas Becker': undefined, 'Agnieszka Dąbrowska': 'inPerson' });

    expect(await expireDue(app.context)).toEqual([]);
    const row = await app.context.db.selectFrom('documents').select(['expires_at', 'send_expires_on']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ expires_at: null, send_expires_on: '2001-01-01' });
  });
});

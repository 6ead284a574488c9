import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
afterEach(async () => {
  await app.close();
});
beforeEach(async () => {
  app = await startTestApp();
});

it('signing.send keeps the delivery step’s message, language and reminder interval on the document, and refuses a message over 1000 characters', async () => {
  const admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const contact = (await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska' } })).id;
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'NDA', companySignerIds: [admin], counterpartyContactIds: [contact] });
  const channels = { [String(doc.signers[0]!.id)]: 'app' as const, [String(doc.signers[1]!.id)]: 'inPerson' as const };

  const tooLong = await app.call('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels, message: 'x'.repeat(1001) });
  expect(!tooLong.ok && tooLong.error.details?.issues).toEqual([{ path: 'message', messageKey: 'validation.tooLong' }]);
  const badReminder = await app.call('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels, reminderDays: 0 });
  expect(!badReminder.ok && badReminder.error.details?.issues).toEqual([{ path: 'reminderDays', messageKey: 'validation.invalid' }]);

  await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels, message: '  Proszę o podpis do piątku.  ', language: 'pl', reminderDays: 3 });
  const row = await app.context.db.selectFrom('documents').select(['send_message', 'send_language', 'reminder_days']).where('id', '=', doc.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ send_message: 'Proszę o podpis do piątku.', send_language: 'pl', reminder_days: 3 });
});

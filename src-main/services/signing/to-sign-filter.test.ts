import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makePng } from '../../test-support/png';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { sendDocument } from './send';
import { declineAsSigner, signAsSigner } from './sign';

let app: TestApp;
let anna: string;
let piotr: string;
let contact: string;
let sha: string;
const image = makePng(40, 12).toString('base64');

beforeEach(async () => {
  app = await startTestApp();
  anna = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  piotr = (await app.ok('users.add', { name: 'Piotr Wiśniewski', email: 'piotr@example.pl', isAdmin: false, isSigner: true })).id;
  contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl' } })).id;
  sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
});
afterEach(async () => {
  await app.close();
});

async function sentTo(title: string, companySignerIds: string[]) {
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title, companySignerIds, counterpartyContactIds: [contact] });
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
  await sendDocument(app.context, { id: doc.id, version: doc.version, order: 'companyFirst', channels });
  return doc;
}

const awaiting = async () => (await app.ok('documents.list', { filter: { awaitingMySignature: true } })).items.map((d) => d.title).sort();

it('"To sign" is selected by the store: only documents out for signing where my own company signature is still due', async () => {
  const mine = await sentTo('Mine, due', [anna]);
  await sentTo('Piotr only', [piotr]);
  const both = await sentTo('Both of us', [anna, piotr]);
  const signedByMe = await sentTo('Signed by me', [anna]);
  const declined = await sentTo('Declined by me', [anna]);
  await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Draft of mine', companySignerIds: [anna], counterpartyContactIds: [contact] });
  const signerOf = (doc: typeof mine, user: string) => doc.signers.find((s) => s.userId === user)!.id;
  await signAsSigner(app.context, { documentId: signedByMe.id, signerId: signerOf(signedByMe, anna), method: 'typed', image, consent: true, identityCheck: 'appLogin', actor: 'Anna Nowak' });
  await declineAsSigner(app.context, { documentId: declined.id, signerId: signerOf(declined, anna), reason: 'Zła kwota', actor: 'Anna Nowak' });

  expect(await awaiting()).toEqual(['Both of us', 'Mine, due']);
  // Piotr's signature on the shared one does not take it off my list; mine does.
  await signAsSigner(app.context, { documentId: both.id, signerId: signerOf(both, piotr), method: 'typed', image, consent: true, identityCheck: 'appLogin', actor: 'Piotr Wiśniewski' });
  expect(await awaiting()).toEqual(['Both of us', 'Mine, due']);
  await app.ok('signing.cancel', { id: mine.id });
  expect(await awaiting()).toEqual(['Both of us']);
});

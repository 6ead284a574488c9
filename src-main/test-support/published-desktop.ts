import fs from 'node:fs';
import path from 'node:path';
import type { TestServer } from '../../src-server/test-support/test-server';
import { sendDocument } from '../services/signing/send';
import { base64, resourcesDir, type TestApp } from './temp-services';

/*
 * A desktop paired with a test company server and a document it sent through it, for the tests of what the server
 * and the desktop do with it afterwards (the feed, the server's automation).
 */

/** Set up as Anna Nowak, the administrator (with her e-mail), and paired with the server as "Recepcja". */
export async function pairWith(app: TestApp, server: TestServer): Promise<TestApp> {
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  await app.context.db.updateTable('users').set({ email: 'anna@zaklady.pl' }).where('is_admin', '=', 1).execute();
  await app.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Recepcja' });
  return app;
}

export interface PublishedDocument {
  id: string;
  company: number;
  counterparty: number;
  publishedId: string;
  /** The counterparty's address (one more Jan each time). */
  email: string;
}

let contacts = 0;

/** Sent to the administrator in the app and a Jan Kowalski by e-mail, in parallel, and published (the publisher run once). */
export async function sendThroughServer(app: TestApp): Promise<PublishedDocument> {
  const admin = (await app.context.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirstOrThrow()).id;
  const email = `jan${++contacts}@example.pl`;
  const contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email, country: 'PL' } })).id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const draft = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact] });
  const channels = Object.fromEntries(draft.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('email' as const)]));
  await sendDocument(app.context, { id: draft.id, version: draft.version, order: 'parallel', channels });
  await app.publisher.runDue();
  const job = await app.context.db.selectFrom('publish_jobs').select(['status', 'published_id']).where('document_id', '=', draft.id).executeTakeFirstOrThrow();
  if (job.status !== 'published') throw new Error(`not published: ${job.status}`);
  return { id: draft.id, company: draft.signers.find((s) => s.side === 'company')!.id, counterparty: draft.signers.find((s) => s.side === 'counterparty')!.id, publishedId: job.published_id!, email };
}

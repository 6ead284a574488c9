import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { createPostgresDatabase } from '../../src-server/test-support/postgres';
import { startTestServer } from '../../src-server/test-support/test-server';
import { base64, resourcesDir, startTestApp, tempDir } from '../test-support/temp-services';
import { runSync } from './sync-run';
import { downloadFile } from './sync-transport';

/*
 * Two server instances on one PostgreSQL database and one files folder, as behind a load balancer (issue 7, item 3):
 * a laptop syncing through the first, another through the second. Nothing either needs lives in one process.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

it('a document pushed through one instance is pulled, PDF and all, through the other', async () => {
  const databaseUrl = await createPostgresDatabase('sync');
  const dataDir = tempDir('signet-two-instances-');
  const first = await startTestServer({ databaseUrl, dataDir });
  const second = await startTestServer({ databaseUrl, dataDir });
  cleanup.push(() => first.close(), () => second.close());
  const a = await startTestApp();
  const b = await startTestApp();
  cleanup.push(() => a.close(), () => b.close());
  await a.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  await b.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Piotr Wiśniewski' });
  // Paired through one instance, its token good on the other: the devices are in the shared database.
  const viaFirst = { url: first.url, token: (await pairDevice(first, 'Laptop A')).token };
  const viaSecond = { url: second.url, token: (await pairDevice(first, 'Laptop B')).token };

  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const { sha256 } = await a.ok('pdf.import', { data: base64(pdf) });
  const doc = await a.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title: 'Umowa NDA', companySignerIds: [], counterpartyContactIds: [] });
  await runSync(a.context, viaFirst);
  const pulled = await runSync(b.context, viaSecond);
  expect(pulled.documents).toEqual([doc.id]);
  expect((await b.ok('documents.get', { id: doc.id })).title).toBe('Umowa NDA');
  b.context.files.fetchMissing = (sha) => downloadFile(viaSecond, sha);
  const file = await b.ok('documents.file', { id: doc.id, which: 'original' });
  expect(Buffer.from(file.data, 'base64').equals(pdf)).toBe(true);

  // And back: B's rename through the second instance reaches A through the first.
  const seen = await b.ok('documents.get', { id: doc.id });
  await b.ok('documents.update', { id: doc.id, version: seen.version, title: 'Umowa NDA (wersja 2)' });
  await runSync(b.context, viaSecond);
  await runSync(a.context, viaFirst);
  expect((await a.ok('documents.get', { id: doc.id })).title).toBe('Umowa NDA (wersja 2)');
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfCorpus } from '../../test-support/pdf-corpus';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { createCompanyIdentity, keySigner } from '../../pdf/identity';
import { sealPdf } from '../../pdf/seal';
import { importPdf } from './import-service';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});
async function open(): Promise<TestApp> {
  const app = await startTestApp();
  apps.push(app);
  return app;
}

function storedFiles(app: TestApp): string[] {
  const dir = path.join(app.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

describe('importing an original', () => {
  it('keeps every file of the producer corpus byte for byte and records its hash, pages and page sizes', async () => {
    const app = await open();
    const other = await createCompanyIdentity('Earlier Signer');
    const corpus = await pdfCorpus((bytes) => sealPdf(bytes, keySigner(other.sealPrivateKeyPem, other.sealCertificatePem)));
    for (const [name, bytes] of Object.entries(corpus)) {
      const info = await app.ok('pdf.import', { data: base64(bytes) });
      expect(Buffer.from(await app.context.files.read(info.sha256)).equals(Buffer.from(bytes)), name).toBe(true);
      const row = await app.context.db.selectFrom('files').selectAll().where('sha256', '=', info.sha256).executeTakeFirstOrThrow();
      expect(row, name).toMatchObject({ size: bytes.length, media_type: 'application/pdf', page_count: info.pageCount });
      expect(JSON.parse(row.page_sizes!), name).toEqual(info.pageSizes);
    }
    const contract = await app.context.db.selectFrom('files').selectAll().where('size', '=', fs.statSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')).size).executeTakeFirstOrThrow();
    expect(contract.page_count).toBe(2);
    expect(JSON.parse(contract.page_sizes!)).toEqual([{ width: 595.3, height: 841.9 }, { width: 595.3, height: 841.9 }].map((p) => expect.objectContaining({ width: expect.closeTo(p.width, 0), height: expect.closeTo(p.height, 0) })));
    const signed = await app.ok('pdf.import', { data: base64(corpus['already signed by someone else']!) });
    expect(signed.hasSignatures).toBe(true);
    expect((await app.ok('pdf.import', { data: base64(corpus['pdf-lib with an AcroForm']!) })).hasForm).toBe(true);
  });

  it('by path: the same record; a folder, a missing file and one over the limit are refused before reading', async () => {
    const app = await open();
    const file = path.join(resourcesDir, 'samples', 'nda-pl.pdf');
    expect((await importPdf(app.context, { path: file })).sha256).toBe((await app.ok('pdf.import', { data: base64(fs.readFileSync(file)) })).sha256);
    const refusal = async (source: Parameters<typeof importPdf>[1]) => importPdf(app.context, source).then(() => 'accepted', (e: { messageKey?: string }) => e.messageKey);
    expect(await refusal({ path: resourcesDir })).toBe('pdf.notAFile');
    expect(await refusal({ path: path.join(resourcesDir, 'missing.pdf') })).toBe('pdf.unreadable');
    await app.context.db.insertInto('settings').values({ key: 'limits.pdfMaxBytes', value: '1000' }).execute();
    expect(await refusal({ path: file })).toBe('pdf.tooLarge');
  });

  it('refuses what cannot be signed, with its reason, and stores nothing for it', async () => {
    const app = await open();
    const sample = fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf'));
    await app.context.db.insertInto('settings').values({ key: 'limits.pdfMaxPages', value: '1' }).execute();
    const cases: [string, Uint8Array, string][] = [
      ['a Word document', Buffer.from('PK\u0003\u0004word/document.xml'), 'pdf.notPdf'],
      ['cut off', sample.subarray(0, Math.floor(sample.length / 2)), 'pdf.truncated'],
      ['two pages over a limit of one', sample, 'pdf.tooManyPages'],
      ['encrypted', Buffer.concat([sample.subarray(0, sample.length - 40), Buffer.from('trailer\n<< /Encrypt 9 0 R >>\n%%EOF\n')]), 'pdf.encrypted'],
    ];
    for (const [name, bytes, key] of cases) {
      const result = await app.call('pdf.import', { data: base64(bytes) });
      expect(!result.ok && result.error, name).toMatchObject({ code: 'PDF_REFUSED', messageKey: key });
    }
    expect(storedFiles(app)).toEqual([]);
    expect(await app.context.db.selectFrom('files').select('sha256').execute()).toEqual([]);
  });

  it('a file store that cannot be written fails the call, and no row claims a file that is not there', async () => {
    const app = await open();
    // The files folder replaced by a plain file: every write below it fails (ENOTDIR), for root too.
    const dir = path.join(app.dataDir, 'files');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.writeFileSync(dir, 'not a folder');
    const result = await app.call('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) });
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(await app.context.db.selectFrom('files').select('sha256').execute()).toEqual([]);
  });
});

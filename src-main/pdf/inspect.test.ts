import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { writeTemp } from '../test-support/pdf-tools';
import { resourcesDir } from '../test-support/temp-services';
import { inspectPdf } from './inspect';

const sample = (name: string) => new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', name)));

async function refusal(bytes: Uint8Array, limits?: Parameters<typeof inspectPdf>[1]): Promise<string> {
  const error = await inspectPdf(bytes, limits).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('PDF_REFUSED');
  return (error as AppError).messageKey;
}

describe('inspectPdf', () => {
  it('records hash, pages and page sizes of real office and browser exports', async () => {
    const info = await inspectPdf(sample('umowa-dostawy.pdf'));
    expect(info).toMatchObject({ pageCount: 2, hasSignatures: false, hasForm: false });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.pageSizes[0]).toEqual({ width: 595.3, height: 841.89 });
    expect((await inspectPdf(sample('service-agreement-en.pdf'))).pageCount).toBe(3);
  });

  it('refuses what is not a PDF', async () => {
    expect(await refusal(new TextEncoder().encode('PK\x03\x04 this is a zip, not a contract %%EOF'))).toBe('pdf.notPdf');
    expect(await refusal(new Uint8Array(0))).toBe('pdf.notPdf');
  });

  it('refuses a truncated file', async () => {
    const whole = sample('nda-pl.pdf');
    expect(await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)))).toBe('pdf.truncated');
  });

  it('refuses a file whose structure is destroyed', async () => {
    const garbage = new Uint8Array(4000).map((_, i) => (i * 7919) % 251);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), garbage, Buffer.from('\n%%EOF\n')]);
    expect(await refusal(bytes)).toBe('pdf.damaged');
  });

  it('asks for the password to be removed from an encrypted file', async () => {
    const plain = writeTemp(sample('nda-pl.pdf'));
    const locked = `${plain}.locked.pdf`;
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    expect(await refusal(new Uint8Array(fs.readFileSync(locked)))).toBe('pdf.encrypted');
  });

  it('applies the size and page limits', async () => {
    expect(await refusal(sample('nda-pl.pdf'), { maxBytes: 1000, maxPages: 100 })).toBe('pdf.tooLarge');
    const doc = await PDFDocument.create();
    for (let i = 0; i < 12; i++) doc.addPage();
    expect(await refusal(await doc.save(), { maxBytes: 1e9, maxPages: 10 })).toBe('pdf.tooManyPages');
  });

  it('notices signatures and forms already in the file', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    doc.getForm().createCheckBox('agree').addToPage(page, { x: 10, y: 10, width: 12, height: 12 });
    expect((await inspectPdf(await doc.save())).hasForm).toBe(true);
  });
});

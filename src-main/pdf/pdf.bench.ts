import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer as SignpdfP12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import zlib from 'node:zlib';
import { PDF } from '@libpdf/core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, bench, describe } from 'vitest';
import { crc32 } from '../../src-shared/fields/png';
import { createCompanyIdentity, keySigner } from './identity';
import { sealPdf } from './seal';
import { verifyPdf } from './verify';
import { tempDir } from '../test-support/temp-services';

/**
 * Seal and verify against baselines measured in the same run: SHA-256 of the same bytes (the floor for anything that
 * must read every byte) and @libpdf/core's sign() called directly (what our seal adds on top of the library).
 * A third baseline is the full-rewrite pipeline other open-source tools use: pdf-lib loads and re-saves the whole file
 * with a placeholder, then @signpdf signs it with a PKCS#12 (RSA: its node-forge signer has no ECDSA).
 * Not measured yet (the issue asks for them): a 100 MB scan and peak memory.
 */
const files: Record<string, Uint8Array> = {};
const sealedFiles: Record<string, Uint8Array> = {};
let signer: ReturnType<typeof keySigner>;
let rsaP12: Buffer;
let anchors: { company: X509Certificate[]; imported: X509Certificate[] };

function png(width: number, height: number): Uint8Array {
  // Noise does not compress: a stand-in for a scanned page.
  const raw = randomBytes((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  const dir = tempDir('signet-bench-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-subj', '/CN=Bench', '-days', '30'], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(dir, 'k.pem'), '-in', path.join(dir, 'c.pem'), '-out', path.join(dir, 'b.p12'), '-passout', 'pass:bench'], { stdio: 'ignore' });
  rsaP12 = fs.readFileSync(path.join(dir, 'b.p12'));
  const id = await createCompanyIdentity('Bench');
  signer = keySigner(id.sealPrivateKeyPem, id.sealCertificatePem, [id.caCertificatePem]);
  anchors = { company: [new X509Certificate(id.caCertificatePem)], imported: [] };
  const text = async (pages: number) => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let p = 0; p < pages; p++) {
      const page = doc.addPage();
      for (let l = 0; l < 40; l++) page.drawText(`Paragraf ${p}.${l}: the supplier delivers the goods listed in the annex.`, { x: 40, y: 760 - l * 18, size: 10, font });
    }
    return doc.save();
  };
  files['1 page'] = await text(1);
  files['500 text pages'] = await text(500);
  const scan = await PDFDocument.create();
  const image = await scan.embedPng(png(1900, 1800));
  scan.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  files['10 MB scan'] = await scan.save();
  for (const [name, bytes] of Object.entries(files)) sealedFiles[name] = await sealPdf(bytes, signer);
  console.log(Object.entries(files).map(([n, b]) => `${n}: ${(b.length / 1048576).toFixed(1)} MB`).join(', '));
}, 120_000);

for (const name of ['1 page', '500 text pages', '10 MB scan']) {
  describe(`seal: ${name}`, () => {
    bench('baseline: SHA-256 of the file', () => {
      createHash('sha256').update(files[name]!).digest();
    });
    bench('baseline: @libpdf/core sign() directly', async () => {
      await (await PDF.load(files[name]!)).sign({ signer });
    });
    bench('baseline: full rewrite (pdf-lib save + @signpdf placeholder + P12 signer)', async () => {
      const doc = await PDFDocument.load(files[name]!);
      pdflibAddPlaceholder({ pdfDoc: doc, reason: 'bench', contactInfo: '', name: 'Bench', location: '' });
      const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
      await new SignPdf().sign(withPlaceholder, new SignpdfP12Signer(rsaP12, { passphrase: 'bench' }));
    });
    bench('sealPdf', async () => {
      await sealPdf(files[name]!, signer);
    });
  });

  describe(`verify: ${name}`, () => {
    bench('baseline: SHA-256 of the sealed file', () => {
      createHash('sha256').update(sealedFiles[name]!).digest();
    });
    bench('verifyPdf', async () => {
      await verifyPdf(sealedFiles[name]!, anchors);
    });
  });
}

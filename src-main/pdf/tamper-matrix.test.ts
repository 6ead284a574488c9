import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, rgb, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyExitCodes } from '../../src-shared/pdf/verification';
import { appendEvent } from '../evidence/chain';
import { appendAnnotationWithMutool, mutoolVerify, opensslVerify, pdfsig, writeTemp } from '../test-support/pdf-tools';
import { resourcesDir } from '../test-support/temp-services';
import { composeDocument } from './compose/compose';
import { createCompanyIdentity, keySigner, type CompanyIdentity } from './identity';
import { inspectPdf } from './inspect';
import { sealPdf } from './seal';
import type { TrustAnchors } from './trust';
import { verifyPdf } from './verify';

/**
 * The tamper matrix: a real sealed contract (certificate page and evidence included), changed in each of the ways a
 * forger would try. Every change must fail verification (exit code 1) with a reason, and the independent validators
 * must agree that the seal no longer holds.
 */
let company: CompanyIdentity;
let anchors: TrustAnchors;
let sealed: Uint8Array;
let originalPages: number;

beforeAll(async () => {
  company = await createCompanyIdentity('Tamper Test Sp. z o.o.');
  anchors = { company: [new X509Certificate(company.caCertificatePem)], imported: [] };
  const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')));
  const info = await inspectPdf(original);
  originalPages = info.pageCount;
  const events = appendEvent([], { at: '2026-11-27T10:00:00.000Z', type: 'created', actor: 'Anna' });
  const { bytes } = await composeDocument(
    original,
    { documentId: 'doc-1', documentNumber: 'UM/2026/11/0001', title: 'Umowa dostawy', companyName: 'Tamper Test Sp. z o.o.', originalSha256: info.sha256, originalSize: info.size, originalPages: info.pageCount, signers: [], events, language: 'pl' },
    resourcesDir,
  );
  sealed = await sealPdf(bytes, keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]));
});

async function rewrite(edit: (doc: PDFDocument) => Promise<void> | void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sealed);
  await edit(doc);
  return doc.save();
}

/** Each case: what was done, how, and the reason verification must give. */
const cases: [string, () => Promise<Uint8Array>, string][] = [
  [
    'the amount changed (painted over with pdf-lib, file re-saved)',
    () =>
      rewrite(async (doc) => {
        const page = doc.getPage(0);
        page.drawRectangle({ x: 300, y: 400, width: 120, height: 14, color: rgb(1, 1, 1) });
        page.drawText('99 999,00 PLN', { x: 300, y: 402, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
      }),
    'verify.reason.signatureRewritten',
  ],
  [
    'one byte flipped inside the signed range',
    async () => {
      const b = Buffer.from(sealed);
      b[5000] = b[5000]! ^ 0x10;
      return b;
    },
    'verify.reason.digestMismatch',
  ],
  ['an annotation appended as an incremental update after the seal', async () => appendAnnotationWithMutool(sealed), 'verify.reason.modifiedAfterSigning'],
  [
    "the signature replaced by another document's",
    async () => {
      const other = await sealPdf(new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))), keySigner(company.sealPrivateKeyPem, company.sealCertificatePem));
      const hex = (b: Uint8Array) => /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(Buffer.from(b).toString('latin1'))![1]!;
      const mine = hex(sealed);
      return Buffer.from(Buffer.from(sealed).toString('latin1').replace(mine, hex(other).padEnd(mine.length, '0').slice(0, mine.length)), 'latin1');
    },
    'verify.reason.digestMismatch',
  ],
  ['the certificate page removed', () => rewrite((doc) => doc.removePage(doc.getPageCount() - 1)), 'verify.reason.signatureRewritten'],
  [
    'pages reordered',
    () =>
      rewrite((doc) => {
        const [first] = doc.getPages();
        doc.removePage(0);
        doc.insertPage(1, first!);
      }),
    'verify.reason.signatureRewritten',
  ],
  [
    'the evidence attachment edited',
    () =>
      rewrite((doc) => {
        // Replace the embedded file list with a forged evidence file of the same name.
        doc.catalog.delete(PDFName.of('Names'));
        return doc.attach(new TextEncoder().encode('{"format":"signet-evidence/1","events":[]}'), 'signet-evidence.json', { mimeType: 'application/json' });
      }),
    'verify.reason.signatureRewritten',
  ],
];

describe('tamper matrix', () => {
  it('the untouched sealed contract is valid in every validator (no false alarm)', async () => {
    const report = await verifyPdf(sealed, anchors);
    expect(report.verdict).toBe('valid');
    expect(report.evidence).toMatchObject({ chainIntact: true, originalIntact: true });
    expect((await inspectPdf(sealed)).pageCount).toBeGreaterThan(originalPages);
    expect(pdfsig(writeTemp(sealed))).toContain('Signature is Valid');
  });

  it('a Signet document stripped of its seal is tampered, not merely unsigned', async () => {
    // The document as composed, before the seal: what a forger gets by cutting the file at the seal's revision.
    const whole = Buffer.from(sealed);
    const stripped = whole.subarray(0, whole.lastIndexOf('%%EOF', whole.length - 10) + 5);
    const report = await verifyPdf(stripped, anchors);
    expect(report).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.sealRemoved'] });
  });

  it('a forgery re-sealed with a different key: untrusted (exit 3), and tampered when it still carries our evidence', async () => {
    const forger = await createCompanyIdentity('Tamper Test Sp. z o.o.');
    const forgerSigner = keySigner(forger.sealPrivateKeyPem, forger.sealCertificatePem, [forger.caCertificatePem]);
    // The contract altered and sealed by someone else, with no Signet evidence in it: intact, but not our seal.
    const altered = await PDFDocument.load(new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf'))));
    altered.getPage(0).drawText('99 999,00 PLN', { x: 300, y: 402, size: 10, font: await altered.embedFont(StandardFonts.Helvetica) });
    const resealed = await verifyPdf(await sealPdf(await altered.save(), forgerSigner), anchors);
    expect(resealed.verdict).toBe('untrusted');
    expect(verifyExitCodes[resealed.verdict]).toBe(3);
    // Our sealed document altered and re-sealed: the evidence inside no longer matches the file it sits in.
    const forged = await verifyPdf(await sealPdf(await cases[0]![1](), forgerSigner), anchors);
    expect(forged).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.originalChanged'] });
  });

  for (const [name, make, reason] of cases) {
    it(`detects: ${name}`, async () => {
      const tampered = await make();
      const report = await verifyPdf(tampered, anchors);
      expect(report.verdict, name).toBe('tampered');
      expect(verifyExitCodes[report.verdict]).toBe(1);
      expect(report.reasons, name).toContain(reason);
      const file = writeTemp(tampered);
      const poppler = pdfsig(file);
      expect(poppler.includes('Signature is Valid') && poppler.includes('Total document signed'), `pdfsig on: ${name}\n${poppler}`).toBe(false);
      const mupdf = mutoolVerify(file);
      expect(mupdf.includes('The document is unchanged since signing.'), `mutool on: ${name}\n${mupdf}`).toBe(false);
      if (!report.reasons.includes('verify.reason.modifiedAfterSigning')) expect(opensslVerify(tampered)).toBe(false);
    });
  }
});

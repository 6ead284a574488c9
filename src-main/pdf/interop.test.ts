import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfCorpus } from '../test-support/pdf-corpus';
import { appendAnnotationWithMutool, mutoolVerify, nssTrusting, opensslVerify, pdfsig, writeTemp } from '../test-support/pdf-tools';
import { resourcesDir } from '../test-support/temp-services';
import { createCompanyIdentity, keySigner, type CompanyIdentity } from './identity';
import { inspectPdf } from './inspect';
import { sealPdf } from './seal';
import { verifyPdf } from './verify';

/** Every sealed file must satisfy poppler, MuPDF and OpenSSL as well as our own verifier; every tampered one must fail in each. */
let company: CompanyIdentity;
let stranger: CompanyIdentity;
let anchors: { company: X509Certificate[]; imported: X509Certificate[] };
const seal = (bytes: Uint8Array, who: CompanyIdentity = company) => sealPdf(bytes, keySigner(who.sealPrivateKeyPem, who.sealCertificatePem, [who.caCertificatePem]));

beforeAll(async () => {
  company = await createCompanyIdentity('Signet Test Sp. z o.o.');
  stranger = await createCompanyIdentity('Stranger GmbH');
  anchors = { company: [new X509Certificate(company.caCertificatePem)], imported: [] };
});

describe('interop: sealed files', () => {
  it('imports, seals and verifies every file of the corpus, and pdfsig, mutool and openssl agree', async () => {
    const nss = nssTrusting(company.caCertificatePem);
    const files = await pdfCorpus((bytes) => seal(bytes, stranger));
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(11);
    for (const [name, bytes] of Object.entries(files)) {
      const info = await inspectPdf(bytes);
      expect(info.pageCount, name).toBeGreaterThan(0);
      const sealed = await seal(bytes);
      const report = await verifyPdf(sealed, anchors);
      expect(report.verdict, name).toBe('valid');
      const file = writeTemp(sealed);
      const poppler = pdfsig(file, nss);
      const last = poppler.split(/Signature #\d+:/).at(-1)!;
      expect(last, name).toContain('Signature Validation: Signature is Valid.');
      expect(last, name).toContain('Total document signed');
      expect(last, name).toContain('Certificate Validation: Certificate is Trusted.');
      expect(mutoolVerify(file).trim().split('\n').at(-1), name).toContain('The document is unchanged since signing.');
      expect(opensslVerify(sealed, company.caCertificatePem), name).toBe(true);
    }
  }, 120_000);
});

describe('interop: tampered files fail everywhere', () => {
  it('a flipped byte inside the signed range', async () => {
    const sealed = Buffer.from(await seal(new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')))));
    sealed[3000] = sealed[3000]! ^ 0x20;
    const file = writeTemp(sealed);
    expect((await verifyPdf(sealed, anchors)).verdict).toBe('tampered');
    expect(pdfsig(file)).toContain('Digest Mismatch');
    expect(mutoolVerify(file)).toContain('Signature invalidated by change to document');
    expect(opensslVerify(sealed)).toBe(false);
  });

  it('an annotation added by another tool as an incremental update after the seal', async () => {
    const sealed = await seal(new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))));
    const appended = appendAnnotationWithMutool(sealed);
    expect(Buffer.from(appended.subarray(0, sealed.length)).equals(Buffer.from(sealed))).toBe(true);
    const file = writeTemp(appended);
    expect(await verifyPdf(appended, anchors)).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.modifiedAfterSigning'] });
    expect(pdfsig(file)).toContain('Not total document signed');
    expect(mutoolVerify(file)).toContain('there have been edits since signing');
  });

  it('an untrusted seal is intact in pdfsig but not trusted', async () => {
    const sealed = await seal(new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))), stranger);
    const nss = nssTrusting(company.caCertificatePem);
    const out = pdfsig(writeTemp(sealed), nss);
    expect(out).toContain('Signature is Valid');
    expect(out).not.toContain('Certificate is Trusted');
    expect((await verifyPdf(sealed, anchors)).verdict).toBe('untrusted');
  });
});

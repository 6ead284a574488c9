import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../test-support/temp-services';
import { createCompanyIdentity, keySigner, type CompanyIdentity } from './identity';
import { findSignatures } from './signatures';
import { sealPdf } from './seal';
import type { TrustAnchors } from './trust';
import { x509 } from './x509';
import { verifyPdf } from './verify';

const sample = (name: string) => new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', name)));
let company: CompanyIdentity;
let stranger: CompanyIdentity;
let anchors: TrustAnchors;
let sealed: Uint8Array;

beforeAll(async () => {
  company = await createCompanyIdentity('Zakłady Łódzkie Sp. z o.o.');
  stranger = await createCompanyIdentity('Someone Else Ltd');
  anchors = { company: [new X509Certificate(company.caCertificatePem)], imported: [] };
  sealed = await sealPdf(sample('umowa-dostawy.pdf'), keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]), {
    reason: 'Signet',
    signingTime: new Date('2026-11-27T10:00:00Z'),
  });
});

describe('company identity', () => {
  it('issues a seal certificate for signing, from a CA, with the company in the subject', () => {
    const ca = new X509Certificate(company.caCertificatePem);
    const seal = new X509Certificate(company.sealCertificatePem);
    expect(ca.ca).toBe(true);
    expect(seal.ca).toBe(false);
    expect(seal.checkIssued(ca) && seal.verify(ca.publicKey)).toBe(true);
    expect(seal.subject).toContain('O=Zakłady Łódzkie Sp. z o.o.');
    const usage = new x509.X509Certificate(company.sealCertificatePem).getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
    expect(usage).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  });
});

describe('seal and verify', () => {
  it('appends the seal without changing a byte of the original and verifies it as valid and trusted', async () => {
    const original = sample('umowa-dostawy.pdf');
    expect(Buffer.from(sealed.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const report = await verifyPdf(sealed, anchors);
    expect(report.verdict).toBe('valid');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      intact: true,
      coversWholeFile: true,
      trust: 'companyCa',
      subFilter: 'ETSI.CAdES.detached',
      digestAlgorithm: 'sha256',
      signerOrganization: 'Zakłady Łódzkie Sp. z o.o.',
      signedAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('keeps both signatures valid when a sealed file is sealed again', async () => {
    const twice = await sealPdf(sealed, keySigner(company.sealPrivateKeyPem, company.sealCertificatePem));
    const report = await verifyPdf(twice, anchors);
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => [s.intact, s.coversWholeFile])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('calls a file with no signature unsigned', async () => {
    expect((await verifyPdf(sample('nda-pl.pdf'), anchors)).verdict).toBe('unsigned');
  });

  it('reports intact but untrusted when the sealing CA is not ours', async () => {
    const foreign = await sealPdf(sample('nda-pl.pdf'), keySigner(stranger.sealPrivateKeyPem, stranger.sealCertificatePem, [stranger.caCertificatePem]));
    const report = await verifyPdf(foreign, anchors);
    expect(report).toMatchObject({ verdict: 'untrusted', reasons: ['verify.reason.untrusted'] });
    expect(report.signatures[0]).toMatchObject({ intact: true, trust: 'unknown' });
    const imported = await verifyPdf(foreign, { company: anchors.company, imported: [new X509Certificate(stranger.caCertificatePem)] });
    expect(imported.signatures[0]?.trust).toBe('trustAnchor');
  });
});

describe('tampering', () => {
  it('detects one byte flipped inside the signed range', async () => {
    const t = Buffer.from(sealed);
    t[2000] = t[2000]! ^ 0x01;
    expect(await verifyPdf(t, anchors)).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.digestMismatch'] });
  });

  it('detects anything appended after the seal', async () => {
    const appended = Buffer.concat([Buffer.from(sealed), Buffer.from('\n1 0 obj\n<< /Evil true >>\nendobj\n')]);
    expect(await verifyPdf(appended, anchors)).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.modifiedAfterSigning'] });
  });

  it("detects the signature replaced by another document's", async () => {
    const other = await sealPdf(sample('nda-pl.pdf'), keySigner(company.sealPrivateKeyPem, company.sealCertificatePem));
    const otherSig = Buffer.from(other).toString('latin1').match(/\/Contents\s*<([0-9A-Fa-f]+)>/)![1]!;
    const mine = Buffer.from(sealed).toString('latin1');
    const myHole = mine.match(/\/Contents\s*<([0-9A-Fa-f]+)>/)![1]!;
    const swapped = Buffer.from(mine.replace(myHole, otherSig.padEnd(myHole.length, '0').slice(0, myHole.length)), 'latin1');
    expect(swapped.length).toBe(sealed.length);
    expect((await verifyPdf(swapped, anchors)).verdict).toBe('tampered');
  });

  it('detects a signature value altered while the digest it signs still matches', async () => {
    // The CMS ends with the signature value: change its last hex digit, leaving the structure and the digest readable.
    const [sig] = findSignatures(Buffer.from(sealed));
    const lastDigit = sig!.byteRange[1] + 1 + 2 * sig!.cms!.length - 1;
    const altered = Buffer.from(sealed);
    altered[lastDigit] = altered[lastDigit] === 0x30 ? 0x31 : 0x30;
    const report = await verifyPdf(altered, anchors);
    expect(report).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.badSignature'] });
    expect(report.signatures[0]).toMatchObject({ intact: false, problem: 'badSignature', signerOrganization: 'Zakłady Łódzkie Sp. z o.o.' });
  });

  it('reports a damaged signature value as malformed, not as a crash', async () => {
    const mine = Buffer.from(sealed).toString('latin1');
    const hole = mine.match(/\/Contents\s*<([0-9A-Fa-f]+)>/)![1]!;
    const broken = Buffer.from(mine.replace(hole, '1'.repeat(hole.length)), 'latin1');
    expect(await verifyPdf(broken, anchors)).toMatchObject({ verdict: 'tampered', reasons: ['verify.reason.malformed'] });
  });
});

import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CertificateData } from '../../../src-shared/pdf/certificate';
import { appendEvent } from '../../evidence/chain';
import { pdfsig, writeTemp } from '../../test-support/pdf-tools';
import { resourcesDir } from '../../test-support/temp-services';
import { createCompanyIdentity, keySigner } from '../identity';
import { inspectPdf } from '../inspect';
import { sealPdf } from '../seal';
import { verifyPdf } from '../verify';
import { composeDocument } from './compose';

const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')));

async function certificateData(language: 'pl' | 'en'): Promise<CertificateData> {
  const info = await inspectPdf(original);
  let events = appendEvent([], { at: '2026-11-20T09:00:00.000Z', type: 'created', actor: 'Łukasz Żółkiewski' });
  events = appendEvent(events, { at: '2026-11-20T09:05:00.000Z', type: 'signed', actor: 'Zażółć Gęślą', details: { ip: '192.0.2.10' } });
  return {
    documentId: '6f1c7a52-9a4e-4d0b-8f7e-2f0a9d3b1c11',
    documentNumber: 'UM/2026/11/0042',
    title: 'Umowa dostawy — Zażółć gęślą jaźń',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    originalSha256: info.sha256,
    originalSize: info.size,
    originalPages: info.pageCount,
    signers: [
      { name: 'Łukasz Żółkiewski', side: 'company', email: 'lukasz@zaklady.pl', identityCheck: 'appLogin', signedAt: '2026-11-20T09:01:00.000Z', timeZone: 'Europe/Warsaw', device: 'Signet desktop, Windows 11' },
      { name: 'Zażółć Gęślą', side: 'counterparty', phone: '+48601234567', identityCheck: 'smsCode', signedAt: '2026-11-20T09:05:00.000Z', timeZone: 'Europe/Warsaw', ip: '192.0.2.10' },
    ],
    events,
    language,
  };
}

function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', writeTemp(bytes), '-'], { encoding: 'utf8' });
}

describe('composeDocument', () => {
  it('keeps the original as a byte-exact prefix and prints Polish names on the certificate', async () => {
    const { bytes, certificatePages, evidence } = await composeDocument(original, await certificateData('pl'), resourcesDir);
    expect(Buffer.from(bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect(certificatePages).toBeGreaterThanOrEqual(1);
    const text = pdfText(bytes);
    for (const s of ['Certyfikat autentyczności', 'Łukasz Żółkiewski', 'Zażółć Gęślą', 'Umowa dostawy — Zażółć gęślą jaźń', 'UM/2026/11/0042']) {
      expect(text).toContain(s);
    }
    // Hashes wrap beside the QR code: compare without the line breaks.
    expect(text.replace(/\s+/g, '')).toContain(evidence.original.sha256);
    expect(text).toContain('+48 ••• ••• 567');
    expect(text).toContain('l•••••@zaklady.pl');
    expect(text).not.toContain('lukasz@zaklady.pl');
    expect((await inspectPdf(bytes)).pageCount).toBe(2 + certificatePages);
  });

  it('embeds the evidence as an attachment with the hash chain', async () => {
    const data = await certificateData('en');
    const { bytes } = await composeDocument(original, data, resourcesDir);
    const file = writeTemp(bytes);
    const dir = path.dirname(file);
    execFileSync('pdfdetach', ['-saveall', '-o', dir, file]);
    const evidence = JSON.parse(fs.readFileSync(path.join(dir, 'signet-evidence.json'), 'utf8')) as Record<string, unknown>;
    expect(evidence).toMatchObject({ format: 'signet-evidence/1', documentNumber: 'UM/2026/11/0042', chainHead: data.events[1]!.hash });
    expect(JSON.stringify(evidence)).not.toContain('signaturePng');
  });

  it('seals after composing; an original that was already signed keeps its signature valid', async () => {
    const company = await createCompanyIdentity('Zakłady Łódzkie Sp. z o.o.');
    const other = await createCompanyIdentity('Earlier Signer');
    const signedOriginal = await sealPdf(original, keySigner(other.sealPrivateKeyPem, other.sealCertificatePem));
    const data = { ...(await certificateData('en')), originalSha256: (await inspectPdf(signedOriginal)).sha256, originalSize: signedOriginal.length };
    const { bytes } = await composeDocument(signedOriginal, data, resourcesDir);
    const sealed = await sealPdf(bytes, keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]));
    const report = await verifyPdf(sealed, { company: [new X509Certificate(company.caCertificatePem)], imported: [] });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.intact)).toEqual([true, true]);
    expect(pdfsig(writeTemp(sealed)).match(/Signature is Valid/g)).toHaveLength(2);
  });
});

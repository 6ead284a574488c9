import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../src-shared/pdf/progress';
import { resourcesDir } from '../test-support/temp-services';
import { scanPdf } from './bench-files';
import { createCompanyIdentity, keySigner } from './identity';
import { sealPdf } from './seal';
import type { TrustAnchors } from './trust';
import { verifyPdf } from './verify';

let signer: ReturnType<typeof keySigner>;
let anchors: TrustAnchors;
const sample = () => new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')));

beforeAll(async () => {
  const id = await createCompanyIdentity('Progress Sp. z o.o.');
  signer = keySigner(id.sealPrivateKeyPem, id.sealCertificatePem, [id.caCertificatePem]);
  anchors = { company: [new X509Certificate(id.caCertificatePem)], imported: [] };
});

/** What a progress bar relies on: one total, never backwards, and full at the end. */
function expectWellFormed(reports: Progress[]): void {
  expect(reports.length).toBeGreaterThan(1);
  const total = reports[0]!.total;
  expect(total).toBeGreaterThan(0);
  for (const [i, r] of reports.entries()) {
    expect(r.total, `report ${i}`).toBe(total);
    expect(r.done, `report ${i}`).toBeGreaterThanOrEqual(i === 0 ? 0 : reports[i - 1]!.done);
    expect(r.done, `report ${i}`).toBeLessThanOrEqual(total);
  }
  expect(reports.at(-1)!.done).toBe(total);
}

/** The phases in the order they first appear. */
const phases = (reports: Progress[]) => [...new Set(reports.map((r) => r.phase))];

describe('progress of verification', () => {
  it('goes from reading through hashing and the signature to the evidence, ending full, with the same report as without', async () => {
    const sealed = await sealPdf(sample(), signer);
    const reports: Progress[] = [];
    const report = await verifyPdf(sealed, anchors, { onProgress: (p) => reports.push(p) });
    expectWellFormed(reports);
    expect(phases(reports)).toEqual(['read', 'hash', 'signature', 'evidence']);
    expect(report).toEqual(await verifyPdf(sealed, anchors));
    expect(report.verdict).toBe('valid');
  });

  it('reports a large file in steps while it hashes, the bytes counted', async () => {
    const sealed = await sealPdf(await scanPdf(3, 8 << 20), signer);
    const reports: Progress[] = [];
    const report = await verifyPdf(sealed, anchors, { onProgress: (p) => reports.push(p) });
    expectWellFormed(reports);
    const hashing = reports.filter((r) => r.phase === 'hash');
    expect(hashing.length).toBeGreaterThanOrEqual(3);
    expect(hashing.at(-1)!.done).toBeGreaterThanOrEqual(sealed.length);
    expect(report.verdict).toBe('valid');
  });

  it('ends full for an unsigned file and for a tampered one too', async () => {
    for (const bytes of [sample(), Buffer.concat([Buffer.from(await sealPdf(sample(), signer)), Buffer.from('\n% appended\n')])]) {
      const reports: Progress[] = [];
      const report = await verifyPdf(bytes, anchors, { onProgress: (p) => reports.push(p) });
      expectWellFormed(reports);
      expect(['unsigned', 'tampered']).toContain(report.verdict);
    }
  });
});

describe('progress of sealing', () => {
  it('loads, signs and ends full when the sealed bytes are ready, and seals as without', async () => {
    const reports: Progress[] = [];
    const original = sample();
    const sealed = await sealPdf(original, signer, { onProgress: (p) => reports.push(p) });
    expectWellFormed(reports);
    expect(phases(reports)).toEqual(['read', 'signature', 'write']);
    expect(reports.at(-1)!.phase).toBe('write');
    // ECDSA signatures differ from run to run: the same size, the original kept, and valid is what "the same" means here.
    const without = await sealPdf(original, signer);
    expect(sealed.length).toBe(without.length);
    expect(Buffer.from(sealed.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect((await verifyPdf(sealed, anchors)).verdict).toBe('valid');
  });
});

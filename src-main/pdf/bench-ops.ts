import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDF, type Signer } from '@libpdf/core';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer as SignpdfP12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { createCompanyIdentity, keySigner } from './identity';
import { sealPdf } from './seal';
import type { TrustAnchors } from './trust';
import { verifyPdf } from './verify';

/**
 * What the benchmark measures, in one place for both of its probes: the timing bench calls these in its own process,
 * the memory probe in a fresh child process each (src-main/pdf/bench-memory.ts), so a peak is one operation's alone.
 */
export interface BenchKeys {
  /** The company seal (ECDSA P-256), as Signet seals. */
  signer: Signer;
  /** An RSA PKCS#12 for @signpdf, whose node-forge signer has no ECDSA. */
  rsaP12: Buffer;
  anchors: TrustAnchors;
}

export const benchOperations = {
  /** The floor for anything that must read every byte. */
  sha256: (bytes: Uint8Array) => createHash('sha256').update(bytes).digest(),
  /** What our seal adds on top of the library. */
  libpdfSign: async (bytes: Uint8Array, keys: BenchKeys) => (await PDF.load(bytes)).sign({ signer: keys.signer }),
  /** The pipeline other open-source tools use: pdf-lib loads and re-saves the whole file with a placeholder, @signpdf signs it. */
  fullRewrite: async (bytes: Uint8Array, keys: BenchKeys) => {
    const doc = await PDFDocument.load(bytes);
    pdflibAddPlaceholder({ pdfDoc: doc, reason: 'bench', contactInfo: '', name: 'Bench', location: '' });
    const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
    return new SignPdf().sign(withPlaceholder, new SignpdfP12Signer(keys.rsaP12, { passphrase: 'bench' }));
  },
  seal: (bytes: Uint8Array, keys: BenchKeys) => sealPdf(bytes, keys.signer),
  /** Takes a sealed file. */
  verify: (bytes: Uint8Array, keys: BenchKeys) => verifyPdf(bytes, keys.anchors),
} as const;

export type BenchOperation = keyof typeof benchOperations;

/** Makes the keys once and leaves them in `dir`, where a child process can read them. */
export async function writeBenchKeys(dir: string): Promise<BenchKeys> {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-subj', '/CN=Bench', '-days', '30'], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(dir, 'k.pem'), '-in', path.join(dir, 'c.pem'), '-out', path.join(dir, 'b.p12'), '-passout', 'pass:bench'], { stdio: 'ignore' });
  fs.writeFileSync(path.join(dir, 'identity.json'), JSON.stringify(await createCompanyIdentity('Bench')));
  return readBenchKeys(dir);
}

export function readBenchKeys(dir: string): BenchKeys {
  const id = JSON.parse(fs.readFileSync(path.join(dir, 'identity.json'), 'utf8')) as Awaited<ReturnType<typeof createCompanyIdentity>>;
  return {
    signer: keySigner(id.sealPrivateKeyPem, id.sealCertificatePem, [id.caCertificatePem]),
    rsaP12: fs.readFileSync(path.join(dir, 'b.p12')),
    anchors: { company: [new X509Certificate(id.caCertificatePem)], imported: [] },
  };
}

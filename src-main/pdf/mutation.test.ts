import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { resourcesDir } from '../test-support/temp-services';
import { createCompanyIdentity, keySigner } from './identity';
import { inspectPdf } from './inspect';
import { sealPdf } from './seal';
import { findSignatures, signedBytes } from './signatures';
import { verifyPdf } from './verify';

/** A seeded generator: the same mutations on every run, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  const out = Buffer.from(bytes);
  const kind = Math.floor(next() * 4);
  const at = Math.floor(next() * out.length);
  if (kind === 0) {
    for (let i = 0; i < 1 + Math.floor(next() * 8); i++) out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
    return out;
  }
  if (kind === 1) return out.subarray(0, at);
  if (kind === 2) return Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + Math.floor(next() * 512)))]);
  return Buffer.concat([out.subarray(0, at), Buffer.from(out.subarray(Math.floor(next() * out.length)).subarray(0, 256)), out.subarray(at)]);
}

function signedPartUnchanged(input: Uint8Array, sealed: Uint8Array): boolean {
  const [sig] = findSignatures(Buffer.from(sealed));
  if (!sig || input.length !== sealed.length) return false;
  return signedBytes(Buffer.from(input), sig.byteRange).equals(signedBytes(Buffer.from(sealed), sig.byteRange));
}

/** Each input must answer within this bound: a hang is a failure, not a slow pass. */
const perInputMs = 10_000;
function bounded<T>(work: Promise<T>, label: string): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${perInputMs} ms: ${label}`)), perInputMs))]);
}

describe('1,000 randomly mutated PDFs', () => {
  it('never crash or hang import or verification: each gets a result or a clear refusal', async () => {
    const company = await createCompanyIdentity('Fuzz');
    const anchors = { company: [new X509Certificate(company.caCertificatePem)], imported: [] };
    const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
    const sealed = await sealPdf(original, keySigner(company.sealPrivateKeyPem, company.sealCertificatePem));
    const next = random(20261127);
    const outcomes = { imported: 0, refused: 0, valid: 0, other: 0 };
    for (let i = 0; i < 1000; i++) {
      const input = mutate(i % 2 === 0 ? original : sealed, next);
      try {
        await bounded(inspectPdf(input), `inspect #${i}`);
        outcomes.imported++;
      } catch (error) {
        expect(error, `inspect #${i}`).toBeInstanceOf(AppError);
        expect((error as AppError).messageKey, `inspect #${i}`).toMatch(/^pdf\./);
        outcomes.refused++;
      }
      try {
        const report = await bounded(verifyPdf(input, anchors), `verify #${i}`);
        if (report.verdict === 'valid') outcomes.valid++;
        else outcomes.other++;
        // A sealed file can come out valid only if every signed byte is as it was (the zero padding of the
        // signature hole is outside the signed ranges by design, in every PDF validator).
        if (i % 2 === 1 && report.verdict === 'valid') expect(signedPartUnchanged(input, sealed), `verify #${i}`).toBe(true);
      } catch (error) {
        expect(error, `verify #${i}`).toBeInstanceOf(AppError);
        outcomes.other++;
      }
    }
    expect(outcomes.imported + outcomes.refused).toBe(1000);
    expect(outcomes.refused).toBeGreaterThan(100);
  }, 300_000);
});

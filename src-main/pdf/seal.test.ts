import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDF } from '@libpdf/core';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir, tempDir } from '../test-support/temp-services';
import { keySigner } from './identity';
import { sealPdf } from './seal';

/**
 * sealPdf stops the library's sign() once the signed bytes exist, before it re-parses them. That must change nothing
 * in the output: with a deterministic signature (RSA PKCS#1 v1.5) and a fixed time, it is the library's own result,
 * byte for byte, for a first seal and for a second one over it.
 */
const dir = tempDir('signet-seal-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sealPdf', () => {
  it("gives exactly the bytes the library's own sign() gives", async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-subj', '/CN=Seal', '-days', '2'], { stdio: 'ignore' });
    const signer = keySigner(fs.readFileSync(path.join(dir, 'k.pem'), 'utf8'), fs.readFileSync(path.join(dir, 'c.pem'), 'utf8'));
    const signingTime = new Date('2026-11-27T10:00:00Z');
    // The sample carries a file /ID: without one the library makes a random one, and no two runs would agree.
    const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')));
    const library = async (bytes: Uint8Array) =>
      (await (await PDF.load(bytes)).sign({ signer, subFilter: 'ETSI.CAdES.detached', digestAlgorithm: 'SHA-256', reason: 'Signet', signingTime })).bytes;

    const once = await sealPdf(original, signer, { reason: 'Signet', signingTime });
    expect(Buffer.from(once).equals(Buffer.from(await library(original)))).toBe(true);
    const twice = await sealPdf(once, signer, { reason: 'Signet', signingTime });
    expect(Buffer.from(twice).equals(Buffer.from(await library(once)))).toBe(true);
    expect(twice.length).toBeGreaterThan(once.length);
  });
});

import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-services';
import { checkDetachedCms, readDetachedCms } from './cms';

/**
 * Signatures made by OpenSSL, not by the library Signet seals with, so every algorithm our own check of the signature
 * value claims to handle is met as another tool writes it: ECDSA, RSA PKCS#1 v1.5, RSA-PSS.
 */
const dir = tempDir('signet-cms-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const data = randomBytes(5000);
fs.writeFileSync(path.join(dir, 'data.bin'), data);

function keyPair(name: string, genpkey: string[]): void {
  execFileSync('openssl', ['genpkey', ...genpkey, '-out', path.join(dir, `${name}.key`)], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-x509', '-key', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.pem`), '-subj', `/CN=${name}`, '-days', '2'], { stdio: 'ignore' });
}
keyPair('ec', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
keyPair('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);

function sign(key: string, md: string, keyopts: string[] = []): Buffer {
  const out = path.join(dir, `sig-${key}-${md}-${keyopts.length}.der`);
  const opts = keyopts.flatMap((o) => ['-keyopt', o]);
  execFileSync('openssl', ['cms', '-sign', '-binary', '-in', path.join(dir, 'data.bin'), '-signer', path.join(dir, `${key}.pem`), '-inkey', path.join(dir, `${key}.key`), '-md', md, '-nosmimecap', '-outform', 'DER', '-out', out, ...opts]);
  return fs.readFileSync(out);
}

async function check(der: Uint8Array, signed: Buffer, algorithm = 'sha256') {
  let fellBack = false;
  const result = await checkDetachedCms(readDetachedCms(der), createHash(algorithm).update(signed).digest(), () => {
    fellBack = true;
    return signed;
  });
  return { ...result, fellBack };
}

/** With no unsigned attributes the signature value is the last thing in the DER. */
function withSignatureAltered(der: Buffer): Buffer {
  const altered = Buffer.from(der);
  altered[altered.length - 1] = altered[altered.length - 1]! ^ 0x01;
  return altered;
}

const algorithms: [string, string, string, string[]][] = [
  ['ECDSA P-256 with SHA-256', 'ec', 'sha256', []],
  ['ECDSA P-256 with SHA-512', 'ec', 'sha512', []],
  ['RSA PKCS#1 v1.5 with SHA-256', 'rsa', 'sha256', []],
  ['RSA PKCS#1 v1.5 with SHA-384', 'rsa', 'sha384', []],
  ['RSA-PSS with SHA-256, salt 32', 'rsa', 'sha256', ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32']],
  ['RSA-PSS with SHA-512, longest salt', 'rsa', 'sha512', ['rsa_padding_mode:pss', 'rsa_pss_saltlen:max']],
];

describe('a CMS signature made by OpenSSL', () => {
  for (const [name, key, md, keyopts] of algorithms) {
    it(`${name}: intact when it holds, without needing the signed bytes; broken when the value or the bytes change`, async () => {
      const der = sign(key, md, keyopts);
      expect(readDetachedCms(der)).toMatchObject({ digestAlgorithm: md, signer: expect.anything() });
      expect(await check(der, data, md)).toMatchObject({ intact: true, fellBack: false });
      expect(await check(withSignatureAltered(der), data, md)).toMatchObject({ intact: false, problem: 'badSignature', fellBack: false });
      const changed = Buffer.from(data);
      changed[100] = changed[100]! ^ 0x01;
      expect(await check(der, changed, md)).toMatchObject({ intact: false, problem: 'digestMismatch' });
    });
  }

  it('RSA-PSS with a mask generated over another hash is left to pkijs, with the signed bytes', async () => {
    const der = sign('rsa', 'sha256', ['rsa_padding_mode:pss', 'rsa_mgf1_md:sha1']);
    const result = await check(der, data);
    expect(result.fellBack).toBe(true);
    // WebCrypto masks with the signature's own hash too: pkijs cannot confirm it either.
    expect(result).toMatchObject({ intact: false, problem: 'badSignature' });
  });

  it('a structure that is not a SignedData is malformed, and so is a digest missing', async () => {
    expect(readDetachedCms(randomBytes(200))).toMatchObject({ problem: 'malformed' });
    const der = sign('ec', 'sha256');
    expect(await checkDetachedCms(readDetachedCms(der), undefined, () => data)).toMatchObject({ intact: false, problem: 'malformed' });
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompanyIdentity, type CompanyIdentity } from '../pdf/identity';
import { pdfsig } from '../test-support/pdf-tools';
import { resourcesDir, tempDir } from '../test-support/temp-services';
import { main } from './signet';

let dir: string;
let company: CompanyIdentity;
let p12: string;
let caFile: string;
const input = path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf');
const env = { LANG: 'en_US.UTF-8', SEAL_PW: 'hasło-Źdźbło-1' };

beforeAll(async () => {
  dir = tempDir('signet-seal-cli-');
  company = await createCompanyIdentity('Biuro Rachunkowe Łąka');
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  caFile = write('ca.pem', company.caCertificatePem);
  p12 = path.join(dir, 'seal.p12');
  execFileSync('openssl', [
    'pkcs12', '-export', '-inkey', write('seal.key', company.sealPrivateKeyPem), '-in', write('seal.pem', company.sealCertificatePem),
    '-certfile', caFile, '-out', p12, '-passout', `pass:${env.SEAL_PW}`,
  ]);
});

describe('signet seal', () => {
  it('composes the certificate page, seals with the PKCS#12 key, and the result verifies everywhere', async () => {
    const out = path.join(dir, 'sealed.pdf');
    const sealed = await main(['seal', input, '-o', out, '--title', 'Umowa dostawy', '--p12', p12, '--password-env', 'SEAL_PW'], env);
    expect(sealed).toMatchObject({ exitCode: 0, stderr: '' });
    expect(sealed.stdout).toContain('sealed by Biuro Rachunkowe Łąka');
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, fs.statSync(input).size).equals(fs.readFileSync(input))).toBe(true);

    const verified = await main(['verify', out, '--trust', caFile, '--json'], env);
    expect(verified.exitCode).toBe(0);
    const report = JSON.parse(verified.stdout) as { evidence: Record<string, unknown> };
    expect(report.evidence).toMatchObject({ chainIntact: true, originalIntact: true });
    expect(pdfsig(out)).toContain('Signature is Valid');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Certificate of authenticity');
    expect(text).toContain('No personal signatures: sealed by Biuro Rachunkowe Łąka with its company seal.');
  });

  it('refuses without a key, with the password variable unset or wrong, and for an input that is not a PDF — writing nothing', async () => {
    const out = path.join(dir, 'never.pdf');
    const noKey = await main(['seal', input, '-o', out], env);
    expect(noKey).toMatchObject({ exitCode: 2, stderr: 'signet: Sealing needs the company key: give --p12 FILE and --password-env VARIABLE.\n' });
    const unset = await main(['seal', input, '-o', out, '--p12', p12, '--password-env', 'NOT_SET_ANYWHERE'], env);
    expect(unset.stderr).toContain('NOT_SET_ANYWHERE');
    const wrong = await main(['seal', input, '-o', out, '--p12', p12, '--password-env', 'SEAL_PW'], { ...env, SEAL_PW: 'wrong' });
    expect(wrong).toMatchObject({ exitCode: 2 });
    expect(wrong.stderr).toContain('could not be opened with that password');
    const text = path.join(dir, 'notes.pdf');
    fs.writeFileSync(text, 'plain text');
    expect((await main(['seal', text, '-o', out, '--p12', p12, '--password-env', 'SEAL_PW'], env)).stderr).toBe('signet: This file is not a PDF.\n');
    expect(fs.existsSync(out)).toBe(false);
  });
});

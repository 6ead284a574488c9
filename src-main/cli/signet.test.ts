import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompanyIdentity, keySigner, type CompanyIdentity } from '../pdf/identity';
import { sealPdf } from '../pdf/seal';
import { appendAnnotationWithMutool, writeTemp } from '../test-support/pdf-tools';
import { resourcesDir, tempDir } from '../test-support/temp-services';
import { main } from './signet';

let ours: CompanyIdentity;
let theirs: CompanyIdentity;
let caFile: string;
let sealedFile: string;
let sealed: Uint8Array;
const original = () => new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'service-agreement-en.pdf')));

beforeAll(async () => {
  ours = await createCompanyIdentity('Signet CLI Test');
  theirs = await createCompanyIdentity('Unknown Sealer');
  caFile = path.join(tempDir(), 'ca.pem');
  fs.writeFileSync(caFile, ours.caCertificatePem);
  sealed = await sealPdf(original(), keySigner(ours.sealPrivateKeyPem, ours.sealCertificatePem, [ours.caCertificatePem]));
  sealedFile = writeTemp(sealed, 'sealed.pdf');
});

const verify = (...args: string[]) => main(['verify', ...args], { LANG: 'en_GB.UTF-8' });

describe('signet verify: exit codes', () => {
  it('0: intact and sealed by a trusted certificate', async () => {
    const r = await verify(sealedFile, '--trust', caFile);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Intact and sealed by a trusted certificate.');
  });

  it('1: a byte changed, or an annotation added after the seal', async () => {
    const flipped = Buffer.from(sealed);
    flipped[1500] = flipped[1500]! ^ 0x04;
    const changed = await verify(writeTemp(flipped), '--trust', caFile);
    expect(changed.exitCode).toBe(1);
    expect(changed.stdout).toContain('The signed content has changed since it was signed.');
    const annotated = await verify(writeTemp(appendAnnotationWithMutool(sealed)), '--trust', caFile);
    expect(annotated.exitCode).toBe(1);
    expect(annotated.stdout).toContain('Something was added to the file after the last signature.');
  });

  it('2: not a PDF, a missing file, or a PDF without a signature', async () => {
    const notPdf = await verify(writeTemp(new TextEncoder().encode('hello'), 'x.pdf'));
    expect(notPdf).toMatchObject({ exitCode: 2, stderr: 'signet: This file is not a PDF.\n' });
    expect((await verify(path.join(tempDir(), 'missing.pdf'))).exitCode).toBe(2);
    expect((await verify(writeTemp(original()))).exitCode).toBe(2);
    expect((await main(['verify'], {})).exitCode).toBe(2);
  });

  it('3: intact but sealed by a certificate this installation does not trust', async () => {
    const foreign = writeTemp(await sealPdf(original(), keySigner(theirs.sealPrivateKeyPem, theirs.sealCertificatePem)));
    const r = await verify(foreign, '--trust', caFile);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toContain('not trusted');
  });
});

describe('signet verify --json', () => {
  it('prints the whole report as documented', async () => {
    const r = await verify(sealedFile, '--json', '--trust', caFile);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ file: sealedFile, exitCode: 0, verdict: 'valid', reasons: [], fileSize: sealed.length });
    expect(report.signatures).toEqual([expect.objectContaining({ intact: true, coversWholeFile: true, trust: 'trustAnchor', signerOrganization: 'Signet CLI Test' })]);
  });

  it('--trust takes a PEM bundle (as Settings exports it) and a DER file; a file with no certificate is refused', async () => {
    const bundle = path.join(tempDir(), 'bundle.pem');
    fs.writeFileSync(bundle, `${theirs.caCertificatePem}${ours.caCertificatePem}`);
    expect((await verify(sealedFile, '--trust', bundle)).exitCode).toBe(0);
    const der = path.join(tempDir(), 'ca.cer');
    fs.writeFileSync(der, new X509Certificate(ours.caCertificatePem).raw);
    expect((await verify(sealedFile, '--trust', der)).exitCode).toBe(0);
    const junk = path.join(tempDir(), 'junk.pem');
    fs.writeFileSync(junk, 'not a certificate');
    const r = await verify(sealedFile, '--trust', junk);
    expect(r.exitCode).toBe(2);
  });

  it('speaks Polish where the environment does', async () => {
    const r = await main(['verify', sealedFile], { LANG: 'pl_PL.UTF-8' });
    expect(r.stdout).toContain('Nienaruszony, ale opieczętowany certyfikatem, któremu ta instalacja nie ufa.');
  });
});

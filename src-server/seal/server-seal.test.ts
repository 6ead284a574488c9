import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src-main/pdf/verify';
import { trustAnchors } from '../../src-main/services/identity/trust-anchors';
import { ensureCompanyIdentity } from '../../src-main/services/identity/company-identity';
import { makeTestPki } from '../../src-main/test-support/openssl-pki';
import { nssTrusting, pdfsig, writeTemp } from '../../src-main/test-support/pdf-tools';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../src-main/test-support/temp-services';
import { appErrorOf, refusalOf } from '../../src-main/test-support/app-error';
import { loadSealer, sealPasswordEnv } from './sealer';

const sample = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
const password = 'długie hasło serwera';
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function companyApp(): Promise<TestApp> {
  const app = await startTestApp();
  apps.push(app);
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Łukasz Żółkiewski' });
  await ensureCompanyIdentity(app.context);
  return app;
}

function saved(data: string): string {
  const file = path.join(tempDir('signet-server-seal-'), 'server-seal.p12');
  fs.writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

const refusal = appErrorOf;

describe("the company server's seal", () => {
  it("is a new certificate from the company CA with its own key; the server seals with it and the desktop's verify and pdfsig accept it", async () => {
    const app = await companyApp();
    const status = await app.ok('identity.status', {});
    const exported = await app.ok('identity.exportServerSeal', { password });
    expect(exported.filename).toBe('zaklady-lodzkie-sp-z-o-o-server-seal.p12');
    expect(exported.certificate.subject).toContain('CN=Zakłady Łódzkie Sp. z o.o. — server seal');
    expect(exported.certificate.issuer).toBe(status.chain[0]!.subject);
    expect(exported.certificate.sha256).not.toBe(status.seal!.sha256);

    // Kept beside the company's own, inactive and with no key here; the desktop's seal is still the active one.
    const rows = await app.context.db.selectFrom('company_certificates').select(['sha256', 'role', 'active', 'key_account']).where('sha256', '=', exported.certificate.sha256).execute();
    expect(rows).toEqual([{ sha256: exported.certificate.sha256, role: 'seal', active: 0, key_account: null }]);
    expect((await app.ok('identity.status', {})).seal!.sha256).toBe(status.seal!.sha256);

    // OpenSSL reads the file with the password, the server's certificate first, then the CA.
    const file = saved(exported.data);
    const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${password}`, '-nokeys'], { encoding: 'utf8' });
    const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!.map((p) => new X509Certificate(p));
    expect(certs.map((c) => c.fingerprint256.replace(/:/g, '').toLowerCase())).toEqual([exported.certificate.sha256, status.chain[0]!.sha256]);

    const sealer = await loadSealer(file, { env: { [sealPasswordEnv]: password } });
    expect(sealer.certificate.sha256).toBe(exported.certificate.sha256);
    const sealed = await sealer.seal(sample, { reason: 'Signet company server seal' });
    expect(Buffer.from(sealed.subarray(0, sample.length)).equals(Buffer.from(sample))).toBe(true);
    const report = await verifyPdf(sealed, await trustAnchors(app.context));
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]).toMatchObject({ intact: true, trust: 'companyCa', coversWholeFile: true });
    expect(report.signatures[0]!.signerName).toBe('Zakłady Łódzkie Sp. z o.o. — server seal');
    const pdf = writeTemp(sealed, 'server-sealed.pdf');
    expect(pdfsig(pdf)).toContain('Signature is Valid');
    expect(pdfsig(pdf, nssTrusting((await app.ok('identity.exportCa', {})).pem))).toContain('Certificate is Trusted');
  });

  it('refuses at the start a wrong or missing password, an expired certificate and one not made for sealing', async () => {
    const app = await companyApp();
    const file = saved((await app.ok('identity.exportServerSeal', { password })).data);
    expect((await refusal(loadSealer(file, { env: { [sealPasswordEnv]: 'złe hasło' } }))).messageKey).toBe('identity.p12.wrongPassword');
    expect((await refusal(loadSealer(file, { env: {} }))).toData()).toEqual({ code: 'VALIDATION', messageKey: 'errors.p12PasswordEnvUnset', details: { variable: sealPasswordEnv } });
    const later = new Date(Date.now() + 6 * 365 * 24 * 3600 * 1000);
    expect((await refusal(loadSealer(file, { env: { [sealPasswordEnv]: password }, now: later }))).messageKey).toBe('identity.p12.expired');
    const pki = makeTestPki();
    const tlsOnly = saved(base64(pki.p12({ password: 'p', keyUsage: 'keyEncipherment' })));
    expect((await refusal(loadSealer(tlsOnly, { env: { [sealPasswordEnv]: 'p' } }))).messageKey).toBe('identity.p12.cannotSign');
    const ca = saved(base64(pki.p12({ password: 'p', basicConstraints: 'CA:TRUE', keyUsage: 'digitalSignature,keyCertSign' })));
    expect((await refusal(loadSealer(ca, { env: { [sealPasswordEnv]: 'p' } }))).messageKey).toBe('identity.p12.isCa');
  });

  it('is exported by an administrator only, under a password of 12 characters or more, and only from a company CA whose key is here', async () => {
    const app = await companyApp();
    expect(await refusalOf(app.call('identity.exportServerSeal', { password: 'krótkie' }))).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'password', messageKey: 'validation.serverSealPasswordShort' }] } });
    const clerk = await app.ok('users.add', { name: 'Ewa Kowalska', email: 'ewa@example.pl', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    expect(await refusalOf(app.call('identity.exportServerSeal', { password }))).toMatchObject({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'settings.manage' } });

    // A seal imported from a commercial CA comes without the CA's key: nothing can issue the server's.
    const imported = await companyApp();
    const pki = makeTestPki();
    await imported.ok('identity.importP12', { data: base64(pki.p12({ password: 'p' })), password: 'p' });
    expect(await refusalOf(imported.call('identity.exportServerSeal', { password }))).toMatchObject({ code: 'VALIDATION', messageKey: 'identity.serverSeal.noCaKey' });
  });
});

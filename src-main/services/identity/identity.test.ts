import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../test-support/app-error';
import { keychainUnavailable, type SecretStore } from '../../secrets/secret-store';
import { makeTestPki } from '../../test-support/openssl-pki';
import { testSafeStorage } from '../../test-support/test-safe-storage';
import { pdfsig, writeTemp } from '../../test-support/pdf-tools';
import { base64, resourcesDir, startTestApp, type TestApp, type TestAppOptions } from '../../test-support/temp-services';
import { createCompanyIdentity, keySigner } from '../../pdf/identity';
import { sealPdf } from '../../pdf/seal';
import { ensureCompanyIdentity } from './company-identity';
import { sealWithCompany } from './company-signer';

const sample = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function companyApp(options: TestAppOptions = {}, name = 'Zakłady Łódzkie Sp. z o.o.'): Promise<TestApp> {
  const app = await startTestApp(options);
  apps.push(app);
  await app.ok('setup.complete', { company: { name }, userName: 'Łukasz Żółkiewski' });
  await ensureCompanyIdentity(app.context);
  return app;
}

/** A keychain that answers every call the way keytar does when no Secret Service can be reached. */
const deadKeychain: SecretStore = {
  get: () => Promise.reject(keychainUnavailable('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  set: () => Promise.reject(keychainUnavailable('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  delete: () => Promise.reject(keychainUnavailable('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  describe: () => 'Secret Service (test: unreachable)',
};

function grepTree(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && fs.readFileSync(path.join(e.parentPath, e.name)).includes(needle))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('company identity on first run', () => {
  it('makes a CA and a seal with the company name, keys in the real keychain and nowhere in the data folder', async () => {
    const app = await companyApp();
    const status = await app.ok('identity.status', {});
    expect(status).toMatchObject({ state: 'ready', source: 'generated', keyLocation: 'keychain', fallback: null });
    expect(status.seal?.subject).toContain('O=Zakłady Łódzkie Sp. z o.o.');
    expect(status.chain).toHaveLength(1);
    expect(status.chain[0]!.subject).toContain('Signet CA');
    expect(status.seal?.issuer).toBe(status.chain[0]!.subject);

    const seal = await app.context.db.selectFrom('company_certificates').selectAll().where('active', '=', 1).executeTakeFirstOrThrow();
    const account = seal.key_account!.replace(/^keychain:/, '');
    const key = await app.context.keychain.get(account);
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    // Neither the SQLite file (WAL included) nor anything else under the data folder holds a private key.
    expect(grepTree(app.dataDir, 'PRIVATE KEY')).toEqual([]);
    expect(grepTree(app.dataDir, key!.split('\n')[1]!)).toEqual([]);
  });

  it('is not made before the company is named, and made only once however often it is asked for', async () => {
    const app = await startTestApp();
    apps.push(app);
    expect((await app.ok('identity.status', {})).state).toBe('notSetUp');
    await app.ok('setup.complete', { company: { name: 'Firma' }, userName: 'Anna' });
    await Promise.all([ensureCompanyIdentity(app.context), ensureCompanyIdentity(app.context), app.ok('identity.status', {})]);
    await ensureCompanyIdentity(app.context);
    expect(await app.context.db.selectFrom('company_certificates').select('role').execute()).toHaveLength(2);
  });

  it('seals with the company key; the app and pdfsig accept it, and the exported CA is what openssl verifies it against', async () => {
    const app = await companyApp();
    const sealed = await sealWithCompany(app.context, sample);
    const report = await app.ok('pdf.verify', { data: base64(sealed) });
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]!.trust).toBe('companyCa');
    expect(pdfsig(writeTemp(sealed))).toContain('Signature is Valid');

    const { filename, pem } = await app.ok('identity.exportCa', {});
    expect(filename).toBe('zaklady-lodzkie-sp-z-o-o-signet-ca.pem');
    const status = await app.ok('identity.status', {});
    expect(new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(status.chain[0]!.sha256);
    const dir = path.dirname(writeTemp(sealed));
    const sealRow = await app.context.db.selectFrom('company_certificates').select('pem').where('active', '=', 1).executeTakeFirstOrThrow();
    fs.writeFileSync(path.join(dir, 'ca.pem'), pem);
    fs.writeFileSync(path.join(dir, 'seal.pem'), sealRow.pem);
    expect(execFileSync('openssl', ['verify', '-CAfile', path.join(dir, 'ca.pem'), path.join(dir, 'seal.pem')], { encoding: 'utf8' })).toContain('seal.pem: OK');
  });

  it('two installations sharing one keychain service keep apart keys', async () => {
    const shared = (await startTestApp()).context.keychain;
    const a = await companyApp({ keychain: shared }, 'Firma A');
    const b = await companyApp({ keychain: shared }, 'Firma B');
    for (const app of [a, b]) expect((await app.ok('pdf.verify', { data: base64(await sealWithCompany(app.context, sample)) })).verdict).toBe('valid');
    const sa = await a.ok('identity.status', {});
    const sb = await b.ok('identity.status', {});
    expect(sa.seal!.sha256).not.toBe(sb.seal!.sha256);
  });
});

describe('when the keychain cannot be used', () => {
  it('says so with the keychain\'s words, stores nothing, and the browser host has no fallback to offer', async () => {
    const app = await companyApp({ keychain: deadKeychain });
    const status = await app.ok('identity.status', {});
    expect(status).toMatchObject({ state: 'keyStoreUnavailable', fallback: null, problem: { messageKey: 'identity.problem.keyStoreUnavailable', reason: expect.stringContaining('D-Bus') } });
    expect(await app.context.db.selectFrom('company_certificates').select('sha256').execute()).toEqual([]);
    expect(grepTree(app.dataDir, 'PRIVATE KEY')).toEqual([]);
    const refused = await app.call('identity.useSafeStorage', {});
    expect(!refused.ok && refused.error.messageKey).toBe('identity.noFallbackHere');
    const seal = await appErrorOf(sealWithCompany(app.context, sample));
    expect(seal.messageKey).toBe('identity.problem.noSeal');
  });

  it('the desktop offers safeStorage; chosen, the keys are encrypted files and sealing works', async () => {
    const app = await companyApp({ keychain: deadKeychain, safeStorage: testSafeStorage() });
    expect(await app.ok('identity.status', {})).toMatchObject({ state: 'keyStoreUnavailable', fallback: { kind: 'safeStorage', available: true } });
    const status = await app.ok('identity.useSafeStorage', {});
    expect(status).toMatchObject({ state: 'ready', keyLocation: 'safeStorage', source: 'generated' });
    expect(status.keyStoreDescription).toContain('safeStorage');
    const files = fs.readdirSync(path.join(app.dataDir, 'secrets'));
    expect(files).toHaveLength(2);
    expect(fs.statSync(path.join(app.dataDir, 'secrets', files[0]!)).mode & 0o077).toBe(0);
    expect(grepTree(app.dataDir, 'PRIVATE KEY')).toEqual([]);
    expect((await app.ok('pdf.verify', { data: base64(await sealWithCompany(app.context, sample)) })).verdict).toBe('valid');
  });

  it('safeStorage on a Linux desktop without a keyring ("basic_text") is refused, not used', async () => {
    const app = await companyApp({ keychain: deadKeychain, safeStorage: testSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }) });
    const status = await app.ok('identity.status', {});
    expect(process.platform !== 'linux' || status.fallback?.available === false).toBe(true);
    if (process.platform !== 'linux') return;
    const refused = await app.call('identity.useSafeStorage', {});
    expect(!refused.ok && refused.error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', messageKey: 'identity.problem.safeStorageUnavailable', details: { reason: expect.stringContaining('basic_text') } });
    expect(fs.existsSync(path.join(app.dataDir, 'secrets'))).toBe(false);
  });

  it('a seal whose key vanished from the keychain is reported, and replaced only when asked', async () => {
    const app = await companyApp();
    const before = await app.ok('identity.status', {});
    const sealedBefore = await sealWithCompany(app.context, sample);
    const row = await app.context.db.selectFrom('company_certificates').select('key_account').where('active', '=', 1).executeTakeFirstOrThrow();
    await app.context.keychain.delete(row.key_account!.replace(/^keychain:/, ''));
    await ensureCompanyIdentity(app.context);
    expect(await app.ok('identity.status', {})).toMatchObject({ state: 'keyMissing', seal: { sha256: before.seal!.sha256 } });
    const after = await app.ok('identity.create', {});
    expect(after.state).toBe('ready');
    expect(after.seal!.sha256).not.toBe(before.seal!.sha256);
    // What was sealed under the old CA is still the company's own.
    expect((await app.ok('pdf.verify', { data: base64(sealedBefore) })).signatures[0]!.trust).toBe('companyCa');
  });
});

describe('importing a PKCS#12 from a commercial CA', () => {
  const pki = makeTestPki();

  it.each([
    ['modern (AES-256, PBKDF2)', false],
    ['legacy (3DES/RC2, SHA-1)', true],
  ])('a %s file becomes the seal; the CA in it is trusted; earlier seals still verify', async (_name, legacy) => {
    const app = await companyApp();
    const sealedBefore = await sealWithCompany(app.context, sample);
    const status = await app.ok('identity.importP12', { data: base64(pki.p12({ legacy, password: 'zażółć gęślą' })), password: 'zażółć gęślą' });
    expect(status).toMatchObject({ state: 'ready', source: 'imported', keyLocation: 'keychain' });
    expect(status.seal!.subject).toContain('CN=Firma Testowa — pieczęć');
    expect(status.chain.map((c) => c.subject)).toEqual([expect.stringContaining('Test Commercial CA')]);

    const sealed = await sealWithCompany(app.context, sample);
    const report = await app.ok('pdf.verify', { data: base64(sealed) });
    expect(report).toMatchObject({ verdict: 'valid', signatures: [{ trust: 'companyCa', signerOrganization: 'Firma Testowa Sp. z o.o.' }] });
    expect((await app.ok('pdf.verify', { data: base64(sealedBefore) })).verdict).toBe('valid');
    expect((await app.ok('identity.exportCa', {})).pem.trim()).toBe(pki.caPem.trim());
    // The container rests re-encrypted: its own bytes are nowhere in the data folder, its password nowhere at all.
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    expect(grepTree(app.dataDir, 'zażółć gęślą')).toEqual([]);
  });

  it('refuses a wrong password, a file that is not PKCS#12, a CA certificate, one that cannot sign, one expired; the old seal stays', async () => {
    const app = await companyApp();
    const before = (await app.ok('identity.status', {})).seal!.sha256;
    const refusal = async (data: Buffer, password: string) => {
      const result = await app.call('identity.importP12', { data: base64(data), password });
      return !result.ok ? result.error.messageKey : 'accepted';
    };
    expect(await refusal(pki.p12({ password: 'dobre' }), 'złe')).toBe('identity.p12.wrongPassword');
    expect(await refusal(Buffer.from('%PDF-1.7\n'), 'x')).toBe('identity.p12.notPkcs12');
    expect(await refusal(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]), 'x')).toMatch(/identity\.p12\.(unreadable|wrongPassword)/);
    expect(await refusal(pki.p12({ password: 'p', basicConstraints: 'CA:TRUE', keyUsage: 'digitalSignature,keyCertSign' }), 'p')).toBe('identity.p12.isCa');
    expect(await refusal(pki.p12({ password: 'p', keyUsage: 'keyEncipherment' }), 'p')).toBe('identity.p12.cannotSign');
    const shortLived = pki.p12({ password: 'p', days: 1 });
    const realNow = app.context.now;
    app.context.now = () => new Date(Date.now() + 3 * 86_400_000);
    expect(await refusal(shortLived, 'p')).toBe('identity.p12.expired');
    app.context.now = () => new Date(Date.now() - 3 * 86_400_000);
    expect(await refusal(shortLived, 'p')).toBe('identity.p12.notYetValid');
    app.context.now = realNow;

    const after = await app.ok('identity.status', {});
    expect(after).toMatchObject({ state: 'ready', source: 'generated', seal: { sha256: before } });
    expect(await app.context.db.selectFrom('company_certificates').select('sha256').execute()).toHaveLength(2);
  });

  it('with the keychain down the import is refused with the reason and nothing is written', async () => {
    const app = await companyApp({ keychain: deadKeychain });
    const listFiles = () => (fs.existsSync(path.join(app.dataDir, 'files')) ? fs.readdirSync(path.join(app.dataDir, 'files'), { recursive: true }) : []);
    const files = listFiles();
    const result = await app.call('identity.importP12', { data: base64(pki.p12({ password: 'p' })), password: 'p' });
    expect(!result.ok && result.error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', details: { reason: expect.stringContaining('D-Bus') } });
    expect(listFiles()).toEqual(files);
    expect(await app.context.db.selectFrom('company_certificates').select('sha256').execute()).toEqual([]);
  });
});

describe('trust anchors', () => {
  it('a partner\'s seal is unknown until their CA is added (PEM bundle or DER), and unknown again once removed', async () => {
    const app = await companyApp();
    const partner = await createCompanyIdentity('Partner GmbH');
    const other = await createCompanyIdentity('Other Ltd');
    const partnerSealed = await sealPdf(sample, keySigner(partner.sealPrivateKeyPem, partner.sealCertificatePem, [partner.caCertificatePem]));
    const trustOf = async () => (await app.ok('pdf.verify', { data: base64(partnerSealed) })).signatures[0]!.trust;
    expect(await trustOf()).toBe('unknown');

    const added = await app.ok('trust.add', { data: base64(`${partner.caCertificatePem}\n${other.caCertificatePem}`) });
    expect(added.map((a) => a.subject).sort()).toEqual([expect.stringContaining('Other Ltd'), expect.stringContaining('Partner GmbH')]);
    expect(await trustOf()).toBe('trustAnchor');
    const der = new X509Certificate(other.caCertificatePem).raw;
    expect(await app.ok('trust.add', { data: base64(der) })).toEqual([]);
    expect(await app.ok('trust.list', {})).toHaveLength(2);

    const garbage = await app.call('trust.add', { data: base64('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n') });
    expect(!garbage.ok && garbage.error.messageKey).toBe('identity.trust.notACertificate');
    const partnerCa = added.find((a) => a.subject.includes('Partner'))!.sha256;
    await app.ok('trust.remove', { sha256: partnerCa });
    expect(await trustOf()).toBe('unknown');
    const again = await app.call('trust.remove', { sha256: partnerCa });
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');
  });
});

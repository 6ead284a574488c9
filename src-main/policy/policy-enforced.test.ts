import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { policySchema, type PolicyState } from '../../src-shared/policy/policy';
import { startSmsapiStandIn, type SmsapiStandIn } from '../delivery/sms/stand-ins/smsapi-stand-in';
import { createCompanyIdentity, keySigner } from '../pdf/identity';
import { sealPdf } from '../pdf/seal';
import type { SecretStore } from '../secrets/secret-store';
import { readMailPassword, readStoredMail } from '../delivery/mail/mail-settings';
import { startTestServer } from '../../src-server/test-support/test-server';
import { companyServerClient } from '../services/company-server/client';
import { readUsableLink } from '../services/company-server/link-store';
import { refusalOf } from '../test-support/app-error';
import { SmtpSink } from '../test-support/smtp-sink';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../test-support/temp-services';

/*
 * What the machine's managed policy fixes is what the services use, whatever the user stored, and a change to it is
 * refused (issue 10, item 4); the user's own settings stay in the store, untouched, for when the policy goes.
 */
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const policyFrom = (raw: unknown): PolicyState => ({ source: { kind: 'file', path: '/etc/signet/policy.json' }, policy: policySchema.parse(raw), problems: [] });

async function open(dataDir: string, policy?: PolicyState, keychain?: SecretStore): Promise<TestApp> {
  const app = await startTestApp({ dataDir, ...(policy ? { policy } : {}), ...(keychain ? { keychain } : {}) });
  apps.push(app);
  return app;
}

async function firstRun(policy?: PolicyState): Promise<TestApp> {
  const app = await open(tempDir(), policy);
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski' });
  return app;
}

describe('a locked SMTP server', () => {
  const sink = new SmtpSink();
  beforeAll(() => sink.start());
  afterAll(() => sink.stop());

  it('is the one mail goes through, shows as locked, refuses changes but its password, and leaves the user\u2019s own and theirs', async () => {
    const own = { host: '127.0.0.1', port: 1, security: 'none' as const, fromAddress: 'zenon@zaklady.pl', fromName: 'Zenon' };
    const before = await firstRun();
    await before.ok('mail.settings.save', { ...own, password: 'hasło-zenona' });
    await before.close();
    apps.splice(0);

    const locked = { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'it@zaklady.pl', fromName: 'Dział IT' };
    // The same keychain as before: the password in it is this laptop's, whatever the policy says.
    const app = await open(before.dataDir, policyFrom({ locked: { smtp: locked } }), before.context.keychain);
    const settings = await app.ok('mail.settings.get', {});
    // The user's own password is never offered to the policy's server: it has a password of its own, none yet.
    expect(settings).toEqual({ config: { ...locked, attachLimitMb: 10 }, passwordSet: false, locked: true });

    const sent = await app.ok('mail.test', { to: 'anna@example.pl', language: 'pl' });
    expect(sent.status).toBe('sent');
    expect(sink.received.map((m) => m.to)).toEqual(['anna@example.pl']);
    expect(sink.received[0]!.raw.toString('utf8')).toMatch(/^From: .*<it@zaklady\.pl>/m);

    const row = async () => (await app.context.db.selectFrom('settings').select('value').where('key', '=', 'mail.smtp').executeTakeFirstOrThrow()).value;
    const stored = await row();
    expect(await refusalOf(app.call('mail.settings.save', { ...settings.config!, host: 'smtp.gdzie-indziej.pl' }))).toEqual({ code: 'FORBIDDEN', messageKey: 'policy.locked', details: { setting: 'smtp' } });
    expect(await row()).toBe(stored);
    // The form sends the policy's settings back with a new password: that is taken.
    expect(await app.ok('mail.settings.save', { ...settings.config!, password: 'nowe-hasło' })).toMatchObject({ passwordSet: true, locked: true });

    await app.close();
    apps.splice(0);
    const after = await open(before.dataDir, undefined, before.context.keychain);
    expect((await after.ok('mail.settings.get', {})).config).toMatchObject({ port: 1, fromAddress: 'zenon@zaklady.pl' });
    expect(await readMailPassword(after.context, (await readStoredMail(after.context))!)).toBe('hasło-zenona');
  });
});

describe('a locked SMS provider', () => {
  let smsapi: SmsapiStandIn;
  beforeAll(async () => {
    smsapi = await startSmsapiStandIn({ token: 'token-dzialu-it', senders: ['Zaklady'] });
  });
  afterAll(() => smsapi.close());

  it('is the one SMS go through; its token is still this laptop\u2019s; other settings are refused', async () => {
    const locked = { provider: 'smsapi', smsapi: { apiBase: smsapi.url, sender: 'Zaklady' }, twilio: {}, webhook: {} };
    const app = await firstRun(policyFrom({ locked: { sms: locked } }));
    const settings = await app.ok('sms.settings.get', {});
    expect(settings).toMatchObject({ provider: 'smsapi', smsapi: { apiBase: smsapi.url, sender: 'Zaklady' }, locked: true, secrets: { smsapiToken: false } });
    const { secrets: _none, locked: _locked, keychainProblem: _problem, ...config } = settings;
    expect(await refusalOf(app.call('sms.settings.save', { ...config, provider: 'none', secrets: {} }))).toEqual({ code: 'FORBIDDEN', messageKey: 'policy.locked', details: { setting: 'sms' } });
    expect(await app.ok('sms.settings.save', { ...config, secrets: { smsapiToken: 'token-dzialu-it' } })).toMatchObject({ locked: true, secrets: { smsapiToken: true } });
    expect(await app.ok('sms.test', { to: '601 234 567', text: 'Test' })).toMatchObject({ ok: true, to: '+48601234567' });
    expect(smsapi.sent.at(-1)).toMatchObject({ number: '48601234567', from: 'Zaklady' });
    // The token was stored for the policy's provider only: the user's own settings (none) are not written at all.
    const row = await app.context.db.selectFrom('settings').select('value').where('key', '=', 'delivery.sms').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual({ managedSecretRefs: { smsapiToken: expect.stringMatching(/sms-policy-smsapiToken$/) } });
  });
});

describe('a fixed company server', () => {
  it('is the only one this desktop pairs or signs in with: another is refused before anything is sent', async () => {
    const app = await firstRun(policyFrom({ companyServerUrl: 'https://sign.zaklady.pl' }));
    // Unreachable on purpose: a refusal that came from trying would be a transport error, not the policy's.
    const elsewhere = 'https://sign.gdzie-indziej.invalid';
    expect(await refusalOf(app.call('companyServer.pair', { url: elsewhere, code: 'K7MQ3-X9TPA', deviceName: 'Recepcja' }))).toEqual({ code: 'FORBIDDEN', messageKey: 'policy.locked', details: { setting: 'companyServer' } });
    expect(await refusalOf(app.call('companyServer.enrol', { url: elsewhere, code: 'K7MQ3X9TPAK7MQ3X9TPA', deviceName: 'Recepcja' }))).toMatchObject({ messageKey: 'policy.locked' });
    // The policy's own address gets past the policy (and then fails to connect, as that server is not there).
    expect((await refusalOf(app.call('companyServer.pair', { url: 'https://sign.zaklady.pl/', code: 'K7MQ3-X9TPA', deviceName: 'Recepcja' }))).messageKey).not.toBe('policy.locked');
  });
});

describe('a link made before the policy named another company server', () => {
  it('carries no more work to that server (no client, no sync), and can still be unlinked there', async () => {
    const server = await startTestServer({ serverName: 'Stary serwer' });
    try {
      const before = await firstRun();
      await before.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Recepcja' });
      await before.close();
      apps.splice(0);
      const app = await open(before.dataDir, policyFrom({ companyServerUrl: 'https://podpis.zaklady.pl' }), before.context.keychain);
      // Still shown as linked (Settings says why nothing goes there), but nothing reaches it.
      expect(await app.ok('companyServer.get', {})).toMatchObject({ linked: true, url: server.url });
      await expect(companyServerClient(app.context)).rejects.toMatchObject({ code: 'FORBIDDEN', messageKey: 'policy.locked', details: { setting: 'companyServer' } });
      expect(await readUsableLink(app.context)).toBeNull();
      expect(await app.ok('sync.now', {})).toMatchObject({ state: 'off' });
      const { serverRevoked } = await app.ok('companyServer.unpair', {});
      expect(serverRevoked).toBe(true);
      expect(await app.ok('companyServer.get', {})).toMatchObject({ linked: false });
    } finally {
      await server.app.close();
    }
  });
});

describe('trusted CA certificates from the policy', () => {
  it('make a partner\u2019s seal trusted, are listed as the policy\u2019s and cannot be removed; without the policy it is unknown', async () => {
    const partner = await createCompanyIdentity('Partner GmbH');
    const sample = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
    const sealed = await sealPdf(sample, keySigner(partner.sealPrivateKeyPem, partner.sealCertificatePem, [partner.caCertificatePem]));
    const trustOf = async (app: TestApp) => (await app.ok('pdf.verify', { data: base64(sealed) })).signatures[0]!.trust;

    const app = await firstRun(policyFrom({ trustedCaCertificates: [partner.caCertificatePem] }));
    expect(await trustOf(app)).toBe('trustAnchor');
    const [listed, ...rest] = await app.ok('trust.list', {});
    expect(rest).toEqual([]);
    expect(listed).toMatchObject({ subject: expect.stringContaining('Partner GmbH'), addedAt: null, managed: true });
    // Added by hand as well, it is still the policy's: not new, listed once, no row of its own, not removable here.
    expect(await app.ok('trust.add', { data: base64(partner.caCertificatePem) })).toEqual([]);
    expect(await app.ok('trust.list', {})).toHaveLength(1);
    expect(await app.context.db.selectFrom('trust_anchors').selectAll().execute()).toEqual([]);
    expect(await refusalOf(app.call('trust.remove', { sha256: listed!.sha256 }))).toEqual({ code: 'FORBIDDEN', messageKey: 'policy.locked', details: { setting: 'trust' } });
    expect(await app.ok('policy.get', {})).toMatchObject({ locked: ['trust'] });

    const without = await firstRun();
    expect(await trustOf(without)).toBe('unknown');
  });
});

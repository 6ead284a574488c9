import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { effective, lockedSettings } from '../../src-shared/policy/policy';
import { makeTestPki } from '../test-support/openssl-pki';
import { tempDir } from '../test-support/temp-services';
import { loadPolicy, loadPolicyFrom, thisMachine, type PolicyMachine } from './load-policy';
import { parseRegQuery, policyFile } from './policy-source';

/*
 * The managed policy (issue 10, item 4): every key, the locked settings and the policy's precedence over the user's,
 * an invalid file, a missing file, the registry on Windows — each platform's place read from a real file in a
 * temporary folder standing in for it.
 */

const ca = makeTestPki('/CN=Zakłady Łódzkie — company CA/O=Zakłady Łódzkie Sp. z o.o.').caPem;

function machine(platform: NodeJS.Platform, files: Record<string, string>, registry?: string): PolicyMachine {
  const root = tempDir('signet-policy-');
  const at = (p: string) => path.join(root, p.replace(/^[A-Za-z]:/, '').replaceAll('\\', '/'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(at(p)), { recursive: true });
    fs.writeFileSync(at(p), text);
  }
  return {
    platform,
    env: { ProgramData: 'C:\\ProgramData' },
    readFile: (p) => {
      try {
        return fs.readFileSync(at(p), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    ...(registry !== undefined ? { queryRegistry: async () => registry } : {}),
  };
}

const full = {
  companyServerUrl: 'https://podpis.zaklady.pl/',
  locked: {
    smtp: { host: 'smtp.zaklady.pl', port: 587, security: 'starttls', user: 'podpisy', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' },
    language: 'pl',
  },
  updates: { enabled: false, channel: 'stable' },
  trustedCaCertificates: [ca],
};

describe('the managed policy', () => {
  it('is read from each OS\u2019s machine-wide place', () => {
    expect(policyFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Signet\\policy.json');
    expect(policyFile('win32', {})).toBe('C:\\ProgramData\\Signet\\policy.json');
    expect(policyFile('darwin', {})).toBe('/Library/Application Support/Signet/policy.json');
    expect(policyFile('linux', {})).toBe('/etc/signet/policy.json');
  });

  it('takes every key, locks what it sets, and wins over the user\u2019s settings', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const state = await loadPolicy(machine(platform, { [policyFile(platform, { ProgramData: 'C:\\ProgramData' })]: JSON.stringify(full) }));
      expect(state.problems).toEqual([]);
      expect(state.source).toEqual({ kind: 'file', path: policyFile(platform, { ProgramData: 'C:\\ProgramData' }) });
      // The server's address as pairing writes it: no trailing slash.
      expect(state.policy.companyServerUrl).toBe('https://podpis.zaklady.pl');
      expect(state.policy.locked?.smtp).toMatchObject({ host: 'smtp.zaklady.pl', port: 587 });
      expect(state.policy.trustedCaCertificates).toEqual([ca]);
      expect(lockedSettings(state.policy).sort()).toEqual(['companyServer', 'language', 'smtp', 'trust', 'updates']);
      expect(effective<string>('en', state.policy.locked?.language)).toEqual({ value: 'pl', locked: true });
    }
    expect(effective('en', undefined)).toEqual({ value: 'en', locked: false });
  });

  it('without a file there is no policy and nothing to report', async () => {
    expect(await loadPolicy(machine('linux', {}))).toEqual({ source: { kind: 'none' }, policy: {}, problems: [] });
  });

  it('an invalid file is reported whole, key by key, and none of it applies', async () => {
    const file = policyFile('linux', {});
    const bad = { ...full, companyServerUrl: 'ftp://podpis', locked: { language: 'de' }, trustedCaCertificates: ['not a certificate'], autoUpdate: false };
    const state = await loadPolicy(machine('linux', { [file]: JSON.stringify(bad) }));
    expect(state.policy).toEqual({});
    expect(state.problems.map((p) => p.where).sort()).toEqual([file, `${file}: companyServerUrl`, `${file}: locked.language`, `${file}: trustedCaCertificates.0`].sort());
    expect(state.problems.find((p) => p.where === file)).toMatchObject({ messageKey: 'policy.errors.unknownKey', detail: 'autoUpdate' });
    expect(state.problems.find((p) => p.where.endsWith('trustedCaCertificates.0'))!.messageKey).toBe('policy.errors.notPem');

    const notJson = await loadPolicy(machine('linux', { [file]: '{ "companyServerUrl": ' }));
    expect(notJson).toMatchObject({ source: { kind: 'file', path: file }, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.notJson' }] });
  });

  it('a CA certificate that is only framed like one (damaged inside) is reported, and none of the policy applies', async () => {
    const file = policyFile('linux', {});
    const damaged = '-----BEGIN CERTIFICATE-----\nTUlJQmtUQ0NBVGVnQXdJQkFnSVV6enp6\n-----END CERTIFICATE-----\n';
    const state = await loadPolicy(machine('linux', { [file]: JSON.stringify({ ...full, trustedCaCertificates: [full.trustedCaCertificates[0], damaged] }) }));
    expect(state.policy).toEqual({});
    expect(state.problems).toEqual([{ where: `${file}: trustedCaCertificates.1`, messageKey: 'policy.errors.notCertificate', detail: expect.any(String) }]);
  });

  it('a locked SMS provider is checked as a save would be, and a key it does not know is reported, not dropped', async () => {
    const file = policyFile('linux', {});
    const twilio = await loadPolicy(machine('linux', { [file]: JSON.stringify({ locked: { sms: { provider: 'twilio', twilio: {} } } }) }));
    expect(twilio.policy).toEqual({});
    expect(twilio.problems.map((p) => [p.where, p.messageKey])).toEqual([
      [`${file}: locked.sms.twilio.accountSid`, 'validation.required'],
      [`${file}: locked.sms.twilio.from`, 'validation.twilioFromOrService'],
    ]);
    const typo = await loadPolicy(machine('linux', { [file]: JSON.stringify({ locked: { sms: { provider: 'smsapi', smsapi: { sendr: 'Zaklady' } } } }) }));
    expect(typo.problems).toEqual([{ where: `${file}: locked.sms.smsapi`, messageKey: 'policy.errors.unknownKey', detail: 'sendr' }]);
  });

  it('a file named to try (the browser host\u2019s --policy) that is not there is reported; on the machine it is no policy', () => {
    const none = () => null;
    expect(loadPolicyFrom('/home/it/polityka.json', none, { required: true })).toEqual({ source: { kind: 'file', path: '/home/it/polityka.json' }, policy: {}, problems: [{ where: '/home/it/polityka.json', messageKey: 'policy.errors.missing' }] });
    expect(loadPolicyFrom('/etc/signet/policy.json', none)).toEqual({ source: { kind: 'none' }, policy: {}, problems: [] });
  });

  it('a file that cannot be read is reported, not fatal', async () => {
    const m = machine('linux', {});
    const state = await loadPolicy({
      ...m,
      readFile: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    });
    expect(state.policy).toEqual({});
    expect(state.problems).toEqual([{ where: '/etc/signet/policy.json', messageKey: 'policy.errors.unreadable', detail: 'EACCES' }]);
  });

  it('on Windows the registry key (Group Policy) comes first, with the same keys and checks', async () => {
    const reg = [
      '',
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\Signet',
      '    CompanyServerUrl    REG_SZ    https://podpis.zaklady.pl',
      '    LockedLanguage    REG_SZ    en',
      '    UpdatesEnabled    REG_DWORD    0x0',
      '    UpdateChannel    REG_SZ    beta',
      '    UpdateFeedUrl    REG_SZ    https://podpis.zaklady.pl/updates',
      `    TrustedCaCertificates    REG_MULTI_SZ    ${ca.trim().replaceAll('\n', '\\n')}\\0`,
      '',
    ].join('\r\n');
    expect(parseRegQuery(reg).get('updatesenabled')).toEqual({ type: 'REG_DWORD', data: '0x0' });
    const state = await loadPolicy(machine('win32', { [policyFile('win32', { ProgramData: 'C:\\ProgramData' })]: JSON.stringify({ companyServerUrl: 'https://inny.example.com' }) }, reg));
    expect(state.problems).toEqual([]);
    expect(state.source).toEqual({ kind: 'registry', key: 'HKLM\\Software\\Policies\\Signet' });
    expect(state.policy).toEqual({ companyServerUrl: 'https://podpis.zaklady.pl', locked: { language: 'en' }, updates: { enabled: false, channel: 'beta', feedUrl: 'https://podpis.zaklady.pl/updates' }, trustedCaCertificates: [ca.trim()] });
    const wrong = await loadPolicy(machine('win32', {}, '    UpdateChannel    REG_SZ    nightly\r\n    Colour    REG_SZ    red\r\n'));
    expect(wrong.policy).toEqual({});
    expect(wrong.problems.map((p) => p.messageKey).sort()).toEqual(['policy.errors.unknownKey', 'validation.choice'].sort());
    // No key at all: the file decides.
    expect((await loadPolicy(machine('win32', {}, ''))).source).toEqual({ kind: 'none' });
  });

  it('the README’s example for IT is a policy that applies whole (with a real certificate in place of its placeholder)', async () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const example = /### The managed policy[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const policy = { ...(JSON.parse(example) as Record<string, unknown>), trustedCaCertificates: [ca] };
    const file = policyFile('linux', {});
    const state = await loadPolicy(machine('linux', { [file]: JSON.stringify(policy) }));
    expect(state.problems).toEqual([]);
    expect(lockedSettings(state.policy).sort()).toEqual(['companyServer', 'language', 'sms', 'smtp', 'trust', 'updates']);
  });

  it('this computer reads the file from disk: absent is no policy, present is its text', () => {
    const dir = tempDir('signet-policy-real-');
    const file = path.join(dir, 'policy.json');
    expect(thisMachine().readFile(file)).toBeNull();
    fs.writeFileSync(file, '{}');
    expect(thisMachine().readFile(file)).toBe('{}');
    expect(thisMachine().platform).toBe(process.platform);
  });
});

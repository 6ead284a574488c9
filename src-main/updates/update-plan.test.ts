import { describe, expect, it } from 'vitest';
import { policySchema } from '../../src-shared/policy/policy';
import { updatePlan, type InstallFacts } from './update-plan';

const nsis: InstallFacts = {
  platform: 'win32',
  isPackaged: true,
  execDir: 'C:\\Users\\anna\\AppData\\Local\\Programs\\Signet',
  productName: 'Signet',
  env: {},
  exists: (file) => file === 'C:\\Users\\anna\\AppData\\Local\\Programs\\Signet\\Uninstall Signet.exe',
  // As electron-builder writes it for a signed build: the publisher electron-updater checks the installer against.
  updateConfig: 'publisherName:\n  - Zaklady Lodzkie Sp. z o.o.\nprovider: generic\nurl: https://updates.zaklady.pl\nupdaterCacheDirName: signet-updater\n',
};

describe('whether this copy updates itself', () => {
  it('an NSIS install, a macOS app and an AppImage do, on the stable channel from the build\u2019s feed by default', () => {
    expect(updatePlan({}, nsis)).toEqual({ enabled: true, channel: 'stable', feedUrl: undefined });
    expect(updatePlan({}, { ...nsis, platform: 'darwin', execDir: '/Applications/Signet.app/Contents/MacOS', exists: () => false })).toMatchObject({ enabled: true });
    expect(updatePlan({}, { ...nsis, platform: 'linux', env: { APPIMAGE: '/home/anna/Signet.AppImage' }, exists: () => false })).toMatchObject({ enabled: true });
  });

  it('the policy sets the channel and the feed, and can turn updates off whatever the install', () => {
    const policy = policySchema.parse({ updates: { channel: 'beta', feedUrl: 'https://podpis.zaklady.pl/updates/' } });
    expect(updatePlan(policy, nsis)).toEqual({ enabled: true, channel: 'beta', feedUrl: 'https://podpis.zaklady.pl/updates' });
    expect(updatePlan(policySchema.parse({ updates: { enabled: false, channel: 'beta' } }), nsis)).toEqual({ enabled: false, reason: 'policy' });
    expect(policySchema.safeParse({ updates: { feedUrl: 'http://podpis.zaklady.pl/updates' } }).success).toBe(false);
  });

  it('the MSI, a deb and a copy that is not installed do not', () => {
    expect(updatePlan({}, { ...nsis, execDir: 'C:\\Program Files\\Signet', exists: () => false })).toEqual({ enabled: false, reason: 'msi' });
    expect(updatePlan({}, { ...nsis, platform: 'linux', execDir: '/opt/Signet', exists: () => false })).toEqual({ enabled: false, reason: 'packageManager' });
    expect(updatePlan({}, { ...nsis, isPackaged: false })).toEqual({ enabled: false, reason: 'notInstalled' });
  });

  it('an unsigned Windows build takes no update, since electron-updater would install it unverified', () => {
    expect(updatePlan({}, { ...nsis, updateConfig: 'provider: generic\nurl: https://updates.zaklady.pl\n' })).toEqual({ enabled: false, reason: 'unsigned' });
    expect(updatePlan({}, { ...nsis, updateConfig: null })).toEqual({ enabled: false, reason: 'unsigned' });
  });
});

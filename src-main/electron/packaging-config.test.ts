import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * electron-builder.yml checked offline (issue 10, item 1): no Electron binary nor electron-builder's installer tools
 * can be downloaded here, so the file is read as electron-builder reads it (YAML) and held to what IT needs of each
 * target. The build itself runs in the release workflow.
 */
const root = path.resolve(import.meta.dirname, '../..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown> & unknown[]>;
/** A platform's target names, whether written plainly or as { target, arch }. */
const targets = (platform: string) => (config[platform]!.target as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target));
const archsOf = (platform: string) => (config[platform]!.target as { arch?: string[] }[]).map((t) => t.arch);

describe('the installers (electron-builder.yml)', () => {
  it('names the app once, packs the build with native modules outside the asar', () => {
    expect(config.appId).toBe('com.signet.desktop');
    expect(config.productName).toBe('Signet');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/keytar/**']));
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
  });

  it('Windows: a per-machine MSI with an upgrade code that never changes, and NSIS for updates', () => {
    expect(targets('win')).toEqual(['msi', 'nsis']);
    const msi = config.msi as Record<string, unknown>;
    expect(msi.perMachine).toBe(true);
    // Fixed for ever: a different one would install beside the old version instead of upgrading it.
    expect(msi.upgradeCode).toBe('7b0c4c55-9f0e-4a57-8f6c-2f5a9d0c1e73');
  });

  it('macOS: DMG and zip, hardened runtime with its entitlements, notarised', () => {
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(archsOf('mac')).toEqual([
      ['x64', 'arm64'],
      ['x64', 'arm64'],
    ]);
    const mac = config.mac as Record<string, unknown>;
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    const entitlements = fs.readFileSync(path.join(root, String(mac.entitlements)), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    // Nothing the app does not need: no unsigned executable memory, no disabled library validation.
    expect(entitlements).not.toMatch(/allow-unsigned-executable-memory|disable-library-validation/);
  });

  it('Linux: AppImage and deb with a maintainer; the keyring library the keychain needs', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(String((config.linux as Record<string, unknown>).maintainer)).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect((config.deb as Record<string, unknown>).depends).toContain('libsecret-1-0');
  });

  it('opens PDFs ("Open with Signet") and signet:// links; its icons are there', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'pdf', mimeType: 'application/pdf' })]);
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: ['signet'] })]);
    for (const platform of ['win', 'mac', 'linux']) expect(fs.existsSync(path.join(root, String((config[platform] as Record<string, unknown>).icon)))).toBe(true);
  });

  it('takes no secret from the file: signing and notarisation only from the environment', () => {
    const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const keys = JSON.stringify(config);
    for (const secret of ['certificatePassword', 'certificateFile', 'cscLink', 'cscKeyPassword', 'appleIdPassword', 'password']) expect(keys).not.toContain(`"${secret}"`);
    expect(text).toMatch(/WIN_CSC_LINK/);
    expect(text).toMatch(/APPLE_API_KEY/);
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.SIGNET_UPDATE_FEED_URL}' });
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    // The NSIS update's signature is checked against the signing certificate's publisher.
    expect((config.win as Record<string, unknown>).verifyUpdateCodeSignature).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UpdateChannel } from '../../src-shared/policy/policy';
import type { UpdateStatus } from '../../src-shared/updates/update-status';
import { silentLog } from '../app/log';
import { makeTestPki } from '../test-support/openssl-pki';
import { installedUpdater } from '../test-support/node-updater';
import { tempDir } from '../test-support/temp-services';
import { createUpdateController, type Updater, type UpdatesPort } from './update-controller';

/*
 * The app's updates (issue 10, item 5) with the real electron-updater (test-support/node-updater.ts) against an HTTPS
 * feed on loopback laid out as electron-builder publishes one (latest-linux.yml, the file with its SHA-512), its
 * certificate issued by a test CA the updater is given.
 */
const pki = makeTestPki();
const tls = pki.tlsServer();

const feedDir = tempDir('signet-feed-');
const requested: string[] = [];
let feed: https.Server;
let feedUrl = '';

/** Publishes a release on a channel as electron-builder does: the file, and the channel's yml naming it with its hash. */
function publish(channel: string, version: string, bytes: Buffer, claimed: Buffer = bytes) {
  const name = `Signet-${version}.AppImage`;
  fs.writeFileSync(path.join(feedDir, name), bytes);
  const sha512 = createHash('sha512').update(claimed).digest('base64');
  fs.writeFileSync(
    path.join(feedDir, `${channel}-linux.yml`),
    `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${bytes.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T10:00:00.000Z'\n`,
  );
}

beforeAll(async () => {
  feed = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname).replace(/^\/updates\//, '');
    requested.push(name);
    const file = path.join(feedDir, path.basename(name));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': fs.statSync(file).size }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `https://127.0.0.1:${(feed.address() as AddressInfo).port}/updates`;
  // The AppImage updater works only inside an AppImage, which it knows by this variable.
  vi.stubEnv('APPIMAGE', path.join(feedDir, 'Signet-0.1.0.AppImage'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => feed.close(resolve));
  fs.rmSync(feedDir, { recursive: true, force: true });
  fs.rmSync(pki.dir, { recursive: true, force: true });
});

const controllers: UpdatesPort[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.stop()));

function controller(updater: Updater, channel: UpdateChannel = 'stable') {
  const seen: UpdateStatus[] = [];
  const port = createUpdateController({ plan: { enabled: true, channel, feedUrl }, updater: () => updater, log: silentLog, now: () => new Date('2026-12-04T09:00:00Z'), onChange: (s) => seen.push(s), firstCheckMs: 3_600_000 });
  controllers.push(port);
  return { port, seen };
}

describe('the app\u2019s updates through electron-updater', () => {
  it('finds a newer release on the policy\u2019s feed, downloads it with progress, checks its SHA-512 and has it ready for a restart', async () => {
    const release = Buffer.from('the next Signet, as an AppImage '.repeat(4096));
    publish('latest', '0.2.0', release);
    const updater = installedUpdater({ ca: pki.caPem });
    const { port, seen } = controller(updater);
    expect(port.status()).toEqual({ state: 'idle', channel: 'stable' });
    await port.check();
    await vi.waitFor(() => expect(port.status()).toEqual({ state: 'ready', channel: 'stable', version: '0.2.0' }), { timeout: 15_000 });
    expect(seen[0]).toEqual({ state: 'checking', channel: 'stable' });
    expect(seen).toContainEqual({ state: 'downloading', channel: 'stable', version: '0.2.0', percent: 0 });
    expect(requested).toContain('latest-linux.yml');
    expect(requested).toContain('Signet-0.2.0.AppImage');
    // What is installed on restart is byte for byte what was published.
    const downloaded = fs.readdirSync(updater.cacheDir).filter((n) => n.endsWith('.AppImage'));
    expect(downloaded).toHaveLength(1);
    expect(fs.readFileSync(path.join(updater.cacheDir, downloaded[0]!)).equals(release)).toBe(true);
    // A second check leaves the downloaded update as it is; the restart hands over to electron-updater's installer.
    expect(await port.check()).toEqual({ state: 'ready', channel: 'stable', version: '0.2.0' });
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
    port.install();
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('refuses a download whose bytes are not the ones the feed\u2019s SHA-512 names, and offers nothing to install', async () => {
    publish('latest', '0.2.1', Buffer.from('tampered on the way '.repeat(2048)), Buffer.from('the published release '.repeat(2048)));
    const { port } = controller(installedUpdater({ ca: pki.caPem }));
    await port.check();
    await vi.waitFor(() => expect(port.status().state).toBe('failed'), { timeout: 15_000 });
    expect(port.status()).toMatchObject({ state: 'failed', channel: 'stable', reason: expect.stringMatching(/sha512 checksum mismatch/) });
    expect(() => port.install()).toThrow(expect.objectContaining({ messageKey: 'updates.notReady' }));
  });

  it('reads the beta channel\u2019s file on the beta channel, and never goes back to an older version', async () => {
    publish('beta', '0.0.9', Buffer.from('an older beta'));
    requested.length = 0;
    const { port } = controller(installedUpdater({ ca: pki.caPem }), 'beta');
    expect(await port.check()).toEqual({ state: 'upToDate', channel: 'beta', checkedAt: '2026-12-04T09:00:00.000Z' });
    expect(requested).toEqual(['beta-linux.yml']);
  });

  it('a feed that cannot be reached is a failed check with the reason, and the next check tries again', async () => {
    const updater = installedUpdater({ ca: pki.caPem });
    const seen: UpdateStatus[] = [];
    const port = createUpdateController({ plan: { enabled: true, channel: 'stable', feedUrl: 'https://127.0.0.1:1/updates' }, updater: () => updater, log: silentLog, now: () => new Date('2026-12-04T09:00:00Z'), onChange: (s) => seen.push(s), firstCheckMs: 3_600_000 });
    controllers.push(port);
    expect(await port.check()).toMatchObject({ state: 'failed', reason: expect.stringMatching(/ECONNREFUSED/) });
    expect(await port.check()).toMatchObject({ state: 'failed' });
    expect(seen.filter((s) => s.state === 'checking')).toHaveLength(2);
  });

  it('is off, and says why, where the plan says so: nothing is asked of electron-updater', () => {
    const made = vi.fn();
    const port = createUpdateController({ plan: { enabled: false, reason: 'policy' }, updater: made, log: silentLog, now: () => new Date(), onChange: () => undefined });
    expect(port.status()).toEqual({ state: 'off', reason: 'policy' });
    expect(made).not.toHaveBeenCalled();
    expect(() => port.install()).toThrow(expect.objectContaining({ messageKey: 'updates.notReady' }));
  });
});

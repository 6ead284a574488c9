import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../src-main/app/log';
import { installedUpdater } from '../../src-main/test-support/node-updater';
import { tempDir } from '../../src-main/test-support/temp-services';
import { createUpdateController } from '../../src-main/updates/update-controller';
import { parseCommand } from '../cli/args';
import { startTestServer, type TestServer } from '../test-support/test-server';

/*
 * The company server hosting the desktops' update feed (`--updates DIR`, issue 10, item 5): the files electron-builder
 * publishes, by name only, and a desktop's real electron-updater updating from it.
 */
const root = tempDir('signet-server-feed-');
const feed = path.join(root, 'feed');
const release = Buffer.from('Signet 0.3.0 for Linux '.repeat(8192));
const sha512 = createHash('sha512').update(release).digest('base64');
let server: TestServer | undefined;

beforeAll(() => {
  fs.mkdirSync(feed);
  // Beside the feed, not in it: what a path out of the folder would reach.
  fs.writeFileSync(path.join(root, 'secret.yml'), 'not for desktops');
  fs.writeFileSync(path.join(feed, 'Signet-0.3.0.AppImage'), release);
  fs.writeFileSync(path.join(feed, 'latest-linux.yml'), `version: 0.3.0\nfiles:\n  - url: Signet-0.3.0.AppImage\n    sha512: ${sha512}\n    size: ${release.length}\npath: Signet-0.3.0.AppImage\nsha512: ${sha512}\nreleaseDate: '2026-12-03T12:00:00.000Z'\n`);
  fs.writeFileSync(path.join(feed, 'Signet Setup 0.3.0.exe'), 'MZ…');
  fs.writeFileSync(path.join(feed, 'notes.txt'), 'not part of a feed');
  fs.mkdirSync(path.join(feed, 'old'));
  vi.stubEnv('APPIMAGE', path.join(feed, 'Signet-0.1.0.AppImage'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.app.close();
  server = undefined;
});

describe('the update feed on the company server', () => {
  it('serves a release\u2019s files by name, the yml asked again each time, and nothing else of the folder', async () => {
    server = await startTestServer({ updatesDir: feed });
    const yml = await fetch(`${server.url}/updates/latest-linux.yml`);
    expect(yml.status).toBe(200);
    expect(yml.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(yml.headers.get('cache-control')).toBe('no-cache');
    expect(await yml.text()).toContain('version: 0.3.0');
    const installer = await fetch(`${server.url}/updates/${encodeURIComponent('Signet Setup 0.3.0.exe')}`);
    expect([installer.status, installer.headers.get('content-length')]).toEqual([200, String(Buffer.byteLength('MZ…'))]);
    for (const name of ['notes.txt', 'old', '..%2Fsecret.yml', '%2E%2E%2Fsecret.yml', '..%5Csecret.yml', '.hidden.yml', 'latest-mac.yml']) {
      expect((await fetch(`${server.url}/updates/${name}`)).status, name).toBe(404);
    }
  });

  it('is not there unless the server is started with --updates, which must name a folder', async () => {
    server = await startTestServer();
    expect((await fetch(`${server.url}/updates/latest-linux.yml`)).status).toBe(404);
    expect(parseCommand(['--data', '/srv/signet', '--updates', 'feed'])).toMatchObject({ updatesDir: path.resolve('feed') });
    expect(() => parseCommand(['--data', '/srv/signet', '--updates', ' '])).toThrow(/--updates needs the path/);
  });

  it('a desktop updates from it: its electron-updater finds 0.3.0, downloads it and checks it', async () => {
    server = await startTestServer({ updatesDir: feed });
    const updater = installedUpdater();
    const port = createUpdateController({ plan: { enabled: true, channel: 'stable', feedUrl: `${server.url}/updates` }, updater: () => updater, log: silentLog, now: () => new Date(), onChange: () => undefined, firstCheckMs: 3_600_000 });
    try {
      await port.check();
      await vi.waitFor(() => expect(port.status()).toEqual({ state: 'ready', channel: 'stable', version: '0.3.0' }), { timeout: 15_000 });
      const [downloaded] = fs.readdirSync(updater.cacheDir).filter((n) => n.endsWith('.AppImage'));
      expect(fs.readFileSync(path.join(updater.cacheDir, downloaded!)).equals(release)).toBe(true);
    } finally {
      port.stop();
    }
  });
});

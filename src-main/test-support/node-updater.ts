import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Runtime from 'builder-util-runtime';
import type * as ElectronUpdater from 'electron-updater';
import { tempDir } from './temp-services';

/*
 * The real electron-updater under plain Node, for tests: its AppImage updater (the one that runs on Linux) as an
 * installed Signet 0.1.0 would have it, with only its HTTP client swapped — in Electron that is Electron's net module
 * (electronHttpExecutor.js), here Node's http/https with the same two methods on the same base class.
 */
const require = createRequire(import.meta.url);
const { AppImageUpdater } = require('electron-updater') as typeof ElectronUpdater;
const runtime = createRequire(require.resolve('electron-updater'))('builder-util-runtime') as typeof Runtime;

class NodeExecutor extends runtime.HttpExecutor<http.ClientRequest> {
  constructor(private readonly ca: string | undefined) {
    super();
  }

  createRequest(options: https.RequestOptions, callback: (response: unknown) => void): http.ClientRequest {
    return options.protocol === 'http:' ? http.request(options, callback) : https.request({ ...options, ...(this.ca ? { ca: this.ca } : {}) }, callback);
  }

  download(url: URL, destination: string, options: Runtime.DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers || undefined };
      runtime.configureRequestUrl(url, requestOptions);
      runtime.configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

export type InstalledUpdater = ElectronUpdater.AppImageUpdater & { cacheDir: string };

/**
 * Signet 0.1.0 as installed, its app-update.yml as electron-builder writes it (the build's feed, which the policy's
 * feed replaces), trusting `ca` for HTTPS. The AppImage updater works only inside an AppImage, which it knows by the
 * APPIMAGE variable: the caller sets it (vi.stubEnv).
 */
export function installedUpdater(options: { ca?: string } = {}): InstalledUpdater {
  const dir = tempDir('signet-installed-');
  const config = path.join(dir, 'app-update.yml');
  fs.writeFileSync(config, `provider: generic\nurl: https://updates.invalid/build-feed\nupdaterCacheDirName: signet-updater\n`);
  const updater = new AppImageUpdater(null, {
    version: '0.1.0',
    name: 'Signet',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: path.join(dir, 'user-data'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  });
  (updater as unknown as { httpExecutor: NodeExecutor }).httpExecutor = new NodeExecutor(options.ca);
  updater.logger = null;
  return Object.assign(updater, { cacheDir: path.join(dir, 'cache', 'signet-updater', 'pending') });
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/** What electron-builder publishes for electron-updater's generic provider, and nothing else. */
const feedTypes: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.blockmap': 'application/octet-stream',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.msi': 'application/x-msi',
  '.dmg': 'application/x-apple-diskimage',
  '.zip': 'application/zip',
  '.appimage': 'application/octet-stream',
  '.deb': 'application/vnd.debian.binary-package',
};

/** A file name as electron-builder writes them (`Signet Setup 0.2.0.exe`, `latest-mac.yml`): no folder, no dot first. */
const feedName = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,200}$/;

/**
 * The desktops' update feed (issue 10, item 5), when the server is started with `--updates DIR`: the folder IT
 * copies a release's files into (the latest*.yml and the installers electron-builder wrote), at /updates/, for the
 * policy's `updates.feedUrl`. Public, like the installers on a download page: what a desktop installs is checked by
 * its SHA-512 from the yml and its code signature, not by who may read the folder. Installers are streamed.
 */
export function registerUpdateFeedRoutes(app: FastifyInstance, dir: string): void {
  app.get('/updates/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const type = feedTypes[path.extname(name).toLowerCase()];
    if (!type || !feedName.test(name) || name.includes('..')) throw new ApiError('NOT_FOUND');
    const file = path.join(dir, name);
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) throw new ApiError('NOT_FOUND');
    return reply
      .type(type)
      .header('content-length', found.size)
      // A release's yml names the newest files: asked again each time; an installer's name carries its version.
      .header('cache-control', name.endsWith('.yml') ? 'no-cache' : 'public, max-age=86400')
      .send(createReadStream(file));
  });
}

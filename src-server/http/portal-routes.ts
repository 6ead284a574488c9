import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { resolveAssetPath } from '../../src-main/app/renderer-assets';
import { portalPaths } from '../../src-shared/portal/pages';
import { portalCsp } from '../../src-shared/security/csp';
import { ApiError } from './api-error';

/** Vite names these by their content's hash: a changed file is a new name, so a browser may keep one for ever. */
const immutable = 'public, max-age=31536000, immutable';
/** pdf.js's data files and the icon keep their names across versions: kept a day, then asked again. */
const daily = 'public, max-age=86400';

/**
 * Serves the built portal (out/renderer: portal/index.html, beside the renderer's shared assets/ and pdfjs/) from the
 * server's root. `/`, `/verify` and `/s/:token` are the same index.html, which shows the page its path names; its
 * asset URLs are relative (`../assets/…`), which from any of those paths is /assets/. Only these folders are served:
 * not the desktop's own index.html.
 */
export function registerPortalRoutes(app: FastifyInstance, rootDir: string): void {
  // The renderer's policy but for form-action (src-shared/security/csp.ts): one source, so no page gets a weaker copy.
  const config = { csp: portalCsp };
  let index: Promise<Buffer> | null = null;
  const indexHtml = () => {
    index ??= readFile(path.join(rootDir, 'portal', 'index.html')).catch((error: unknown) => {
      index = null;
      app.log.error({ err: error, rootDir }, 'the portal is not built: run npm run build');
      throw new ApiError('UNAVAILABLE');
    });
    return index;
  };

  const page = async (reply: FastifyReply, status: number) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('cross-origin-opener-policy', 'same-origin').send(await indexHtml());

  app.get(portalPaths.home, { config }, (_request, reply) => page(reply, 200));
  app.get(portalPaths.verify, { config }, (_request, reply) => page(reply, 200));
  // The same page for every token: it asks the API what its link is. The token is not looked at here, so the page's
  // answer tells a guesser nothing (the API's answers are rate limited per address and per link).
  app.get(portalPaths.signing, { config }, (_request, reply) => page(reply, 200));

  const file = (folder: string, cacheControl: string) => async (request: { url: string; method: string }, reply: FastifyReply) => {
    const pathname = new URL(request.url, 'http://portal.invalid').pathname;
    const resolved = resolveAssetPath(pathname, rootDir, request.method);
    if (resolved.kind === 'error' || !pathname.startsWith(`/${folder}`)) throw new ApiError('NOT_FOUND');
    const found = await stat(resolved.filePath).catch(() => null);
    if (!found?.isFile()) throw new ApiError('NOT_FOUND');
    return reply.type(resolved.contentType).header('cache-control', cacheControl).send(await readFile(resolved.filePath));
  };
  app.get('/assets/*', { config }, file('assets/', immutable));
  app.get('/pdfjs/*', { config }, file('pdfjs/', daily));
  app.get('/favicon.svg', { config }, file('favicon.svg', daily));
}

import { readFile, stat } from 'node:fs/promises';
import type { Log } from '../app/log';
import { appResponseHeaders, resolveAppRequest } from './app-protocol-path';

/**
 * The `app://` request handler, as a plain fetch-style function (Request in, Response out) so it is tested under Node
 * with real files; `protocol.ts` only hands it to Electron's `protocol.handle`.
 */
export function createAppRequestHandler(rendererDir: string, log: Pick<Log, 'warn' | 'error'>) {
  return async (request: Request): Promise<Response> => {
    const resolved = resolveAppRequest(request.url, rendererDir, request.method);
    if (resolved.kind === 'error') {
      log.warn('app protocol refused a request', { url: request.url.slice(0, 300), status: resolved.status });
      return errorResponse(resolved.status);
    }
    try {
      const info = await stat(resolved.filePath);
      if (!info.isFile()) return errorResponse(404);
      const body = request.method === 'HEAD' ? null : await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: appResponseHeaders(resolved.contentType) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return errorResponse(404);
      log.error('app protocol could not read a file', error, { file: resolved.filePath });
      return errorResponse(500);
    }
  };
}

function errorResponse(status: number): Response {
  return new Response(`${status}`, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

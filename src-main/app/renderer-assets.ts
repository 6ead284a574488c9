import nodePath from 'node:path';
import { rendererCsp } from '../../src-shared/security/csp';

/*
 * How the built renderer is served, shared by both hosts (Electron's `app://` protocol and the browser host's http):
 * which file a URL path names, its MIME type, and the headers on every response.
 */

export type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'extname' | 'sep'>;

export type AssetResolution = { kind: 'file'; filePath: string; contentType: string } | { kind: 'error'; status: 400 | 403 | 404 | 405 };

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  // pdf.js ships its character maps and fonts with these extensions.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function contentTypeFor(filePath: string, path: PathApi = nodePath): string {
  return mimeTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every response carrying the renderer. `nosniff` makes the browser keep to the declared type. */
export function rendererHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': rendererCsp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
}

/**
 * Maps a URL path (already separated from scheme, host and query) to a file under `rootDir`. `/` is `index.html`.
 * The path is decoded once and checked segment by segment (no `.`/`..`, no backslashes, NUL or drive colons) and the
 * resolved file must still lie inside `rootDir`; anything else is an error status, never a file outside the folder.
 */
export function resolveAssetPath(pathname: string, rootDir: string, method = 'GET', path: PathApi = nodePath): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'error', status: 405 };
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'error', status: 400 };
    }
    if (segment === '.' || segment === '..') return { kind: 'error', status: 403 };
    if (/[\\/:\0]/.test(segment)) return { kind: 'error', status: 400 };
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { kind: 'error', status: 403 };
  }
  return { kind: 'file', filePath, contentType: contentTypeFor(filePath, path) };
}

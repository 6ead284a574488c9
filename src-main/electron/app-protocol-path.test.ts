import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../src-shared/security/csp';
import { appResponseHeaders, contentTypeFor, resolveAppRequest } from './app-protocol-path';

const root = path.resolve('/srv/signet/out/renderer');

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppRequest('app://signet/', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://signet', root)).toMatchObject({ kind: 'file', filePath: path.join(root, 'index.html') });
    expect(resolveAppRequest('app://signet/assets/index-Ab12.js?v=1#x', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'assets', 'index-Ab12.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://signet/fonts/Noto%20Sans.woff2', root)).toMatchObject({
      filePath: path.join(root, 'fonts', 'Noto Sans.woff2'),
      contentType: 'font/woff2',
    });
  });

  it.each([
    ['plain dot-dot (normalised away by the URL parser, so it stays inside)', 'app://signet/../../etc/passwd', 'inside'],
    ['encoded dot-dot', 'app://signet/%2e%2e/%2e%2e/etc/passwd', 'inside'],
    ['dot-dot behind an encoded slash', 'app://signet/assets/..%2f..%2f..%2fpackage.json', 400],
    ['an encoded backslash', 'app://signet/..%5C..%5Cpackage.json', 400],
    ['a raw backslash', 'app://signet/..\\..\\package.json', 400],
    ['a NUL byte', 'app://signet/index.html%00.png', 400],
    ['a drive letter', 'app://signet/C:%5CWindows%5Cwin.ini', 400],
    ['malformed percent-encoding', 'app://signet/%E0%A4%A', 400],
  ] as const)('never leaves the folder: %s', (_label, url, expected) => {
    const result = resolveAppRequest(url, root);
    if (expected === 'inside') {
      expect(result.kind).toBe('file');
      if (result.kind === 'file') expect(result.filePath.startsWith(root + path.sep)).toBe(true);
    } else {
      expect(result).toEqual({ kind: 'error', status: expected });
    }
  });

  it('keeps the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Signet\\resources\\app.asar\\out\\renderer';
    expect(resolveAppRequest('app://signet/assets/a.js', winRoot, 'GET', path.win32)).toEqual({
      kind: 'file',
      filePath: `${winRoot}\\assets\\a.js`,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://signet/..%5C..%5Cx', winRoot, 'GET', path.win32)).toEqual({ kind: 'error', status: 400 });
    expect(resolveAppRequest('app://signet/a%2F..%2F..%2Fx', winRoot, 'GET', path.win32)).toEqual({ kind: 'error', status: 400 });
  });

  it('answers only app://signet, and only GET and HEAD', () => {
    expect(resolveAppRequest('app://other/index.html', root)).toEqual({ kind: 'error', status: 404 });
    expect(resolveAppRequest('app://signet:81/index.html', root)).toEqual({ kind: 'error', status: 404 });
    expect(resolveAppRequest('app://u@signet/index.html', root)).toEqual({ kind: 'error', status: 404 });
    expect(resolveAppRequest('https://signet/index.html', root)).toEqual({ kind: 'error', status: 404 });
    expect(resolveAppRequest('::', root)).toEqual({ kind: 'error', status: 400 });
    expect(resolveAppRequest('app://signet/index.html', root, 'POST')).toEqual({ kind: 'error', status: 405 });
    expect(resolveAppRequest('app://signet/index.html', root, 'HEAD').kind).toBe('file');
  });
});

describe('content types and headers', () => {
  it('maps extensions case-insensitively and falls back to octet-stream', () => {
    expect(contentTypeFor('a/B.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('pdf.worker.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.wasm')).toBe('application/wasm');
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream');
    expect(contentTypeFor('evil.exe')).toBe('application/octet-stream');
  });

  it('puts the renderer CSP and nosniff on every response', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(rendererCsp);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { publicVerifyPath } from '../../src-shared/portal/verify';
import { portalCsp } from '../../src-shared/security/csp';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { apiCsp } from './security-headers';

/** The portal's files as the renderer build lays them out (out/renderer), made by the test: serving is what is tested. */
let root: string;
const indexHtml = '<!doctype html><html><head><script type="module" crossorigin src="../assets/portal-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const servers: TestServer[] = [];

beforeAll(() => {
  root = tempDir('signet-portal-files-');
  mkdirSync(path.join(root, 'portal'));
  mkdirSync(path.join(root, 'assets'));
  mkdirSync(path.join(root, 'pdfjs/cmaps'), { recursive: true });
  writeFileSync(path.join(root, 'portal/index.html'), indexHtml);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>the desktop app</title>');
  writeFileSync(path.join(root, 'assets/portal-Ab12Cd34.js'), 'export {};\n');
  writeFileSync(path.join(root, 'assets/app-Ef56Gh78.css'), 'body{}\n');
  writeFileSync(path.join(root, 'pdfjs/cmaps/UniGB-UCS2-H.bcmap'), 'x');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function started(): Promise<TestServer> {
  const server = await startTestServer({ portalRoot: root });
  servers.push(server);
  return server;
}

/** A GET with the path exactly as given (node:http does not resolve dot segments), its status and body. */
function rawGet(base: string, pathname: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path: pathname }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** The request lines the server logged: what reached it, as sent. */
const requestedUrls = (server: TestServer) =>
  server.logLines.map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } }).filter((l) => l.msg === 'incoming request').map((l) => l.req?.url);

describe('the portal pages', () => {
  it('answers /, /verify and any /s/<token> with the portal page, its CSP and the security headers, never cached', async () => {
    const server = await started();
    for (const [pathname, status] of [['/', 200], ['/verify', 200], ['/s/not-a-real-token', 200], ['/s/AAAAAAAAAAAAAAAAAAAAAA', 200]] as const) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe(indexHtml);
      expect(response.headers.get('content-security-policy')).toBe(portalCsp);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
    expect(portalCsp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it('serves hashed assets as immutable, pdf.js data and the icon for a day, with their types and the portal CSP', async () => {
    const server = await started();
    const script = await fetch(`${server.url}/assets/portal-Ab12Cd34.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-security-policy')).toBe(portalCsp);
    expect((await fetch(`${server.url}/assets/app-Ef56Gh78.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const cmap = await fetch(`${server.url}/pdfjs/cmaps/UniGB-UCS2-H.bcmap`);
    expect([cmap.status, cmap.headers.get('cache-control')]).toEqual([200, 'public, max-age=86400']);
    expect((await fetch(`${server.url}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('serves nothing else: not the desktop page, no missing file, nothing outside the folder', async () => {
    const server = await started();
    for (const pathname of ['/index.html', '/portal/index.html', '/assets/missing.js', '/assets/..%2F..%2Fetc%2Fpasswd', '/verify/x', '/s/a/b']) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBeGreaterThanOrEqual(400);
      expect(await response.text(), pathname).not.toContain('the desktop app');
    }
    // Dot segments, plain or encoded, sent as written: fetch would resolve them before sending (to /index.html), and
    // the server would never see the traversal it is meant to refuse.
    for (const pathname of ['/assets/%2e%2e/index.html', '/assets/%2E%2E/%2e%2e/index.html', '/assets/../index.html', '/pdfjs/%2e%2e/index.html', '/assets/.%2e/portal/index.html']) {
      const response = await rawGet(server.url, pathname);
      expect(response.status, pathname).toBe(404);
      expect(response.body, pathname).not.toContain('the desktop app');
      expect(response.body, pathname).not.toContain('id="root"');
      expect(requestedUrls(server), pathname).toContain(pathname);
    }
    // The API keeps its own, stricter policy.
    expect((await fetch(`${server.url}${publicVerifyPath}`, { method: 'POST' })).headers.get('content-security-policy')).toBe(apiCsp);
  });
});

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

describe('the portal pages', () => {
  it('answers /, /verify and any /s/<token> with the portal page, its CSP and the security headers, never cached', async () => {
    const server = await started();
    for (const [pathname, status] of [['/', 200], ['/verify', 200], ['/s/not-a-real-token', 404], ['/s/AAAAAAAAAAAAAAAAAAAAAA', 404]] as const) {
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
    for (const pathname of ['/index.html', '/portal/index.html', '/assets/missing.js', '/assets/%2e%2e/index.html', '/assets/..%2F..%2Fetc%2Fpasswd', '/verify/x', '/s/a/b']) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBeGreaterThanOrEqual(400);
      expect(await response.text(), pathname).not.toContain('the desktop app');
    }
    // The API keeps its own, stricter policy.
    expect((await fetch(`${server.url}${publicVerifyPath}`, { method: 'POST' })).headers.get('content-security-policy')).toBe(apiCsp);
  });
});

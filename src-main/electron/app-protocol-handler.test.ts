import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp } from '../../src-shared/security/csp';
import { silentLog } from '../app/log';
import { createAppRequestHandler } from './app-protocol-handler';

let base: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'signet-protocol-'));
  const renderer = path.join(base, 'out', 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Signet</title>');
  await writeFile(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(base, 'package.json'), '{"secret":true}');
  handle = createAppRequestHandler(renderer, silentLog);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// request handler', () => {
  it('serves index.html for the root with its type and the CSP', async () => {
    const response = await get('app://signet/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Signet</title>');
  });

  it('serves assets as JavaScript', async () => {
    const response = await get('app://signet/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://signet/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('does not serve what lies outside the renderer folder', async () => {
    for (const url of [
      'app://signet/..%2f..%2fpackage.json',
      'app://signet/assets/..%2F..%2F..%2Fpackage.json',
      'app://signet/..%5C..%5Cpackage.json',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-security-policy'), url).toBe(rendererCsp);
      expect(await response.text(), url).not.toContain('secret');
    }
    // The URL parser resolves plain and %2e dot segments first, so these ask for a file inside the folder (absent).
    expect((await get('app://signet/../../package.json')).status).toBe(404);
    expect((await get('app://signet/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('answers 404 for a missing file or a folder, with the CSP', async () => {
    const missing = await get('app://signet/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(rendererCsp);
    expect((await get('app://signet/assets')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses other methods', async () => {
    expect((await get('app://signet/index.html', 'POST')).status).toBe(405);
  });
});

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { callNames } from '../../src-shared/contract/calls';
import type { WireProgress, WireResponse } from '../../src-shared/contract/wire';
import { rendererCsp } from '../../src-shared/security/csp';
import { silentLog } from '../app/log';
import { createCompanyIdentity, keySigner } from '../pdf/identity';
import { sealPdf } from '../pdf/seal';
import { resourcesDir, startTestApp, tempDir, type TestApp } from '../test-support/temp-services';
import { startWebHost, type WebHost } from './web-host';

let app: TestApp;
let host: WebHost;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  const rendererDir = tempDir('signet-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Signet</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {}');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'outside');
  host = await startWebHost({ dispatch: app.dispatch, rendererDir, port: 0, log: silentLog });
  base = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  await app.close();
});

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
function request(ws: WebSocket, frame: unknown): Promise<WireResponse> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as WireResponse));
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${urlPath}`, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('browser host: the token', () => {
  it('prints a URL carrying a long random token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[0-9a-f]{64}$`));
  });

  it('refuses a socket without the token, with a wrong one, or from another origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${'0'.repeat(64)}`)).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${host.token.slice(0, 10)}`)).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${host.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(`?token=${host.token}`, { Host: `attacker.example:${host.port}` })).rejects.toThrow('HTTP 421');
  });

  it('serves calls to a client with the token', async () => {
    const ws = await connect(`?token=${host.token}`, { Origin: base });
    const response = await request(ws, { id: nextId++, name: 'app.info', input: {} });
    expect(response.result).toMatchObject({ ok: true, value: { version: '0.0.0-test', firstRun: true } });
    ws.close();
  });
});

describe('browser host: the contract over the socket', () => {
  it('refuses an invalid payload, naming the field', async () => {
    const ws = await connect(`?token=${host.token}`);
    const response = await request(ws, { id: 7, name: 'contacts.create', input: { fields: { kind: 'client', firstName: 'A', lastName: 'B', email: 'nope' } } });
    expect(response).toEqual({
      id: 7,
      result: { ok: false, error: { code: 'VALIDATION', messageKey: 'errors.validation', details: { issues: [{ path: 'fields.email', messageKey: 'validation.email' }] } } },
    });
    const wrongType = await request(ws, { id: 8, name: 'contacts.list', input: { limit: 'all' } });
    expect(wrongType.result).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'limit', messageKey: 'validation.type' }] } } });
    ws.close();
  });

  it('knows no call outside the contract', async () => {
    const ws = await connect(`?token=${host.token}`);
    for (const name of ['store.exec', 'constructor', '__proto__', 'toString', 'contacts', '']) {
      const response = await request(ws, { id: 9, name, input: {} });
      expect(response.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(callNames).toContain('contacts.list');
    ws.close();
  });

  it('answers a malformed frame with an error instead of dropping the connection', async () => {
    const ws = await connect(`?token=${host.token}`);
    expect((await request(ws, '{not json')).result).toMatchObject({ ok: false, error: { messageKey: 'errors.malformedRequest' } });
    expect((await request(ws, { name: 'app.info' })).result).toMatchObject({ ok: false, error: { messageKey: 'errors.malformedRequest' } });
    expect((await request(ws, { id: 3, name: 'app.info', input: {} })).result.ok).toBe(true);
    ws.close();
  });
});

describe('browser host: hostile frames', () => {
  it('closes a socket that sends invalid UTF-8 or an oversized frame, and keeps serving others', async () => {
    const bad = await connect(`?token=${host.token}`);
    const closedBad = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closedBad).toBe(1007);

    const big = await connect(`?token=${host.token}`);
    big.on('error', () => {});
    const closedBig = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(Buffer.alloc(141 * 1024 * 1024, 0x20));
    expect(await closedBig).toBe(1009);

    const good = await connect(`?token=${host.token}`);
    expect((await request(good, { id: 1, name: 'app.info', input: {} })).result.ok).toBe(true);
    good.close();
  });
});

describe('browser host: static files', () => {
  it('serves the UI with the strict CSP and security headers', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Signet</title>');
    expect(index.headers['content-security-policy']).toBe(rendererCsp);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['x-frame-options']).toBe('DENY');
    const js = await get('/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside its folder, nor to a foreign Host', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(p);
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain('outside');
    }
    expect((await get('/', { Host: 'rebind.example' })).status).toBe(421);
    expect((await get('/missing.js')).status).toBe(404);
  });
});

describe('browser host: progress', () => {
  it('sends progress frames for pdf.verify to the socket that asked, before its answer; another socket sees none', async () => {
    const id = await createCompanyIdentity('Progress Sp. z o.o.');
    const sample = fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf'));
    const sealed = await sealPdf(sample, keySigner(id.sealPrivateKeyPem, id.sealCertificatePem));
    const asking = await connect(`?token=${host.token}`);
    const bystander = await connect(`?token=${host.token}`);
    const overheard: string[] = [];
    bystander.on('message', (data) => overheard.push(data.toString()));
    const frames: (WireResponse | WireProgress)[] = [];
    await new Promise<void>((resolve) => {
      asking.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as WireResponse | WireProgress;
        frames.push(frame);
        if ('result' in frame) resolve();
      });
      asking.send(JSON.stringify({ id: 41, name: 'pdf.verify', input: { data: Buffer.from(sealed).toString('base64') }, progress: true }));
    });
    const progress = frames.filter((f): f is WireProgress => 'progress' in f);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((f) => f.id === 41)).toBe(true);
    const done = progress.map((f) => f.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)!.progress.done).toBe(progress.at(-1)!.progress.total);
    expect(frames.at(-1)).toMatchObject({ id: 41, result: { ok: true, value: { verdict: 'untrusted' } } });

    // Without asking, the same call gets its answer alone.
    const plain = await request(asking, { id: 42, name: 'pdf.verify', input: { data: Buffer.from(sealed).toString('base64') } });
    expect(plain).toMatchObject({ id: 42, result: { ok: true } });
    expect(overheard).toEqual([]);
    asking.close();
    bystander.close();
  });
});

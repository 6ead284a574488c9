import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { P12Signer } from '@libpdf/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sealPdf } from '../../src-main/pdf/seal';
import { makeTestPki, type TestPki } from '../../src-main/test-support/openssl-pki';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { publicVerifyMaxBytes, publicVerifyPath, publicVerifyResponseSchema } from '../../src-shared/portal/verify';
import { apiCsp } from './security-headers';
import { serverTrustAnchors } from '../verify/trust-anchors';
import { startTestServer, type TestServer } from '../test-support/test-server';

/** The public verification over real HTTP, with PDFs sealed under a CA made by openssl that the server is told to trust. */
let pki: TestPki;
let sealed: Uint8Array;
let caCert: X509Certificate;
const servers: TestServer[] = [];

beforeAll(async () => {
  pki = makeTestPki('/CN=Zakłady Łódzkie CA/O=Zakłady Łódzkie Sp. z o.o.');
  caCert = new X509Certificate(pki.caPem);
  const signer = await P12Signer.create(pki.p12(), 'hasło-1');
  const original = readFileSync(path.resolve(import.meta.dirname, '../../resources/samples/nda-pl.pdf'));
  sealed = await sealPdf(new Uint8Array(original), signer, { reason: 'Signet' });
});
afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function started(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ trustAnchors: serverTrustAnchors({ companyCas: [caCert] }), ...options });
  servers.push(server);
  return server;
}

const check = (server: TestServer, body: Uint8Array | string, contentType = 'application/pdf') =>
  fetch(`${server.url}${publicVerifyPath}`, { method: 'POST', headers: { 'content-type': contentType }, body });

const refusalOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;

describe('POST /api/v1/public/verify', () => {
  it('answers a PDF sealed under the trusted company CA as valid, without a device token, with the API headers', async () => {
    const server = await started();
    const response = await check(server, sealed);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(apiCsp);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = publicVerifyResponseSchema.parse(await response.json());
    expect(report).toMatchObject({ verdict: 'valid', reasons: [], fileSize: sealed.length });
    expect(report.signatures).toEqual([expect.objectContaining({ intact: true, trust: 'companyCa', coversWholeFile: true, signerName: 'Firma Testowa — pieczęć' })]);
  });

  it('calls the same file untrusted on a server told no CA, and a modified one tampered with its reason', async () => {
    const untrusting = await started({ trustAnchors: serverTrustAnchors({ companyCas: [] }) });
    expect(publicVerifyResponseSchema.parse(await (await check(untrusting, sealed)).json()).verdict).toBe('untrusted');

    const server = await started();
    const tampered = Buffer.from(sealed);
    tampered[3000] = tampered[3000]! ^ 0xff;
    const report = publicVerifyResponseSchema.parse(await (await check(server, tampered)).json());
    expect(report.verdict).toBe('tampered');
    expect(report.reasons).toContain('verify.reason.digestMismatch');

    const appended = Buffer.concat([Buffer.from(sealed), Buffer.from('\n% added later\n')]);
    const afterSigning = publicVerifyResponseSchema.parse(await (await check(server, appended)).json());
    expect(afterSigning).toMatchObject({ verdict: 'tampered' });
    expect(afterSigning.reasons).toContain('verify.reason.modifiedAfterSigning');
  });

  it('refuses what is not a PDF with the desktop’s message, and a body that is not sent as a PDF', async () => {
    const server = await started();
    const text = await check(server, 'To jest zwykły tekst, nie PDF.\n');
    expect(text.status).toBe(422);
    expect(await refusalOf(text)).toEqual({ code: 'PDF_REFUSED', messageKey: 'pdf.notPdf', message: 'This file is not a PDF.' });

    const empty = await check(server, new Uint8Array(0));
    expect((await refusalOf(empty)).messageKey).toBe('pdf.notPdf');

    const json = await check(server, JSON.stringify({ data: 'JVBERi0=' }), 'application/json');
    expect(json.status).toBe(400);
    expect((await refusalOf(json)).code).toBe('BAD_REQUEST');
  });

  it('refuses a file over 50 MB with 413 and the size limit in its message, before verifying anything', async () => {
    const server = await started();
    const payload = Buffer.alloc(publicVerifyMaxBytes + 1, 0x20);
    payload.write('%PDF-1.7\n');
    const response = await server.app.inject({ method: 'POST', url: publicVerifyPath, headers: { 'content-type': 'application/pdf' }, payload });
    expect(response.statusCode).toBe(413);
    expect(apiErrorSchema.parse(response.json()).error).toEqual({
      code: 'PDF_TOO_LARGE',
      messageKey: 'pdf.tooLarge',
      message: 'The PDF is larger than the limit of 50 MB.',
      values: { limitMb: 50 },
    });
    expect(server.logLines.some((l) => l.includes('public verification'))).toBe(false);
  });

  it('is rate limited per client address: the next check after the limit is 429 with Retry-After, another address still passes', async () => {
    const server = await started({ publicVerifyLimit: { max: 3, windowMs: 60_000 } });
    const from = (remoteAddress: string) =>
      server.app.inject({ method: 'POST', url: publicVerifyPath, headers: { 'content-type': 'application/pdf' }, payload: Buffer.from(sealed), remoteAddress });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).statusCode).toBe(200);
    const limited = await from('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(apiErrorSchema.parse(limited.json()).error).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'companyServer.api.tooManyRequests' });
    expect((await from('198.51.100.20')).statusCode).toBe(200);
    // The paired desktops' API is not counted against it.
    expect((await server.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
  });
});

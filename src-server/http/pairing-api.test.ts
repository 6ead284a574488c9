import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema, pairResponseSchema, whoamiSchema } from '../../src-shared/company-server/api';
import { revokeDevice } from '../pairing/devices';
import { pairingCodeValidityMs } from '../pairing/pairing-codes';
import { startTestServer, type TestServer } from '../test-support/test-server';

/** The pairing API over real HTTP on a loopback port, against the real store in a temporary folder. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function started(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

function post(server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function refusal(response: Response) {
  return apiErrorSchema.parse(await response.json()).error;
}

describe('POST /api/v1/pair', () => {
  it('spends a code on a new device whose token (256 bits) works for whoami; the store holds only hashes', async () => {
    const server = await started({ serverName: 'Zakłady Łódzkie' });
    const code = await server.newCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}$/);

    // Typed in lower case and with a space instead of the dash: the same code.
    const response = await post(server, '/api/v1/pair', { code: code.toLowerCase().replace('-', ' '), deviceName: 'Recepcja — laptop' });
    expect(response.status).toBe(200);
    const paired = pairResponseSchema.parse(await response.json());
    expect(paired).toMatchObject({ serverId: server.serverId, serverName: 'Zakłady Łódzkie' });
    expect(Buffer.from(paired.token, 'base64url')).toHaveLength(32);

    const whoami = await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${paired.token}` } });
    expect(whoami.status).toBe(200);
    expect(whoamiSchema.parse(await whoami.json())).toMatchObject({ deviceId: paired.deviceId, deviceName: 'Recepcja — laptop', serverId: server.serverId });

    const dump = JSON.stringify([
      await server.store.db.selectFrom('devices').selectAll().execute(),
      await server.store.db.selectFrom('pairing_codes').selectAll().execute(),
    ]);
    expect(dump).not.toContain(paired.token);
    expect(dump).not.toContain(code.replace('-', ''));
    expect(dump).toContain(paired.deviceId);
  });

  it('refuses a code a second time, once expired, or wrong, with 401 and a machine-readable code', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const server = await started({ now: () => now });
    const code = await server.newCode();
    expect((await post(server, '/api/v1/pair', { code, deviceName: 'A' })).status).toBe(200);

    const again = await post(server, '/api/v1/pair', { code, deviceName: 'B' });
    expect(again.status).toBe(401);
    expect(await refusal(again)).toMatchObject({ code: 'PAIRING_CODE_USED', messageKey: 'companyServer.api.codeUsed', message: expect.stringMatching(/already been used/) });

    const late = await server.newCode();
    now = new Date(now.getTime() + pairingCodeValidityMs);
    const expired = await post(server, '/api/v1/pair', { code: late, deviceName: 'C' });
    expect(expired.status).toBe(401);
    expect((await refusal(expired)).code).toBe('PAIRING_CODE_EXPIRED');

    const wrong = await post(server, '/api/v1/pair', { code: 'ABCDE-FGHJK', deviceName: 'D' });
    expect(wrong.status).toBe(401);
    expect((await refusal(wrong)).code).toBe('PAIRING_CODE_INVALID');

    expect(await server.store.db.selectFrom('devices').select('name').execute()).toEqual([{ name: 'A' }]);
  });

  it('stops looking at codes after too many wrong ones from one address, until the window has passed', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const limits = { windowMs: 60_000, perAddress: 3, total: 50 };
    const server = await started({ now: () => now, limits });
    const good = await server.newCode();
    for (let i = 0; i < 3; i++) expect((await refusal(await post(server, '/api/v1/pair', { code: 'ZZZZZ-ZZZZZ', deviceName: 'x' }))).code).toBe('PAIRING_CODE_INVALID');

    // Even the right code is not looked at now.
    const limited = await post(server, '/api/v1/pair', { code: good, deviceName: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await refusal(limited)).code).toBe('PAIRING_RATE_LIMITED');

    now = new Date(now.getTime() + 61_000);
    expect((await post(server, '/api/v1/pair', { code: good, deviceName: 'x' })).status).toBe(200);
  });

  it('answers a malformed request with 400 and the issue of each field', async () => {
    const server = await started();
    const response = await post(server, '/api/v1/pair', { code: 'O0I1L', deviceName: '' });
    expect(response.status).toBe(400);
    const error = await refusal(response);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'code', messageKey: 'validation.pairingCode' },
        { path: 'deviceName', messageKey: 'validation.required' },
      ]),
    );
    const notJson = await fetch(`${server.url}/api/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await refusal(notJson)).code).toBe('BAD_REQUEST');
  });
});

describe('authenticated /api/v1 routes', () => {
  it('refuse a missing, unknown or revoked token with 401 and WWW-Authenticate: Bearer', async () => {
    const server = await started();
    const paired = pairResponseSchema.parse(await (await post(server, '/api/v1/pair', { code: await server.newCode(), deviceName: 'Biuro' })).json());
    const whoami = (token?: string) => fetch(`${server.url}/api/v1/whoami`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

    const none = await whoami();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await refusal(none)).code).toBe('UNAUTHENTICATED');
    expect((await whoami('x'.repeat(43))).status).toBe(401);

    expect((await whoami(paired.token)).status).toBe(200);
    expect(await revokeDevice(server.store.db, paired.deviceId, new Date())).toBe(true);
    const revoked = await whoami(paired.token);
    expect(revoked.status).toBe(401);
    expect((await refusal(revoked)).code).toBe('DEVICE_REVOKED');
  });

  it('let a desktop unlink itself: its token stops working', async () => {
    const server = await started();
    const paired = pairResponseSchema.parse(await (await post(server, '/api/v1/pair', { code: await server.newCode(), deviceName: 'Biuro' })).json());
    const auth = { authorization: `Bearer ${paired.token}` };
    expect((await fetch(`${server.url}/api/v1/unpair`, { method: 'POST', headers: auth })).status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/whoami`, { headers: auth })).status).toBe(401);
    expect(await server.store.db.selectFrom('devices').select('revoked_at').executeTakeFirstOrThrow()).toEqual({ revoked_at: expect.any(String) });
  });
});

describe('every answer', () => {
  it('carries the security headers and a request id, on success, refusal and unknown paths alike', async () => {
    const server = await started();
    for (const response of [await fetch(`${server.url}/healthz`), await fetch(`${server.url}/api/v1/whoami`), await fetch(`${server.url}/nothing-here`)]) {
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const unknown = await fetch(`${server.url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect((await refusal(unknown)).code).toBe('NOT_FOUND');
  });

  it('is logged as JSON lines with its request id, never with the token or the pairing code', async () => {
    const server = await started();
    const code = await server.newCode();
    const paired = pairResponseSchema.parse(await (await post(server, '/api/v1/pair', { code, deviceName: 'Biuro' })).json());
    const whoami = await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${paired.token}`, 'user-agent': 'signet-test' } });
    const requestId = whoami.headers.get('x-request-id')!;

    const lines = server.logLines.map((l) => JSON.parse(l) as { reqId?: string; msg: string; req?: { url: string; userAgent?: string } });
    const ofWhoami = lines.filter((l) => l.reqId === requestId);
    expect(ofWhoami.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(ofWhoami[0]!.req).toMatchObject({ url: '/api/v1/whoami', userAgent: 'signet-test' });
    expect(lines.some((l) => l.msg === 'desktop paired')).toBe(true);
    const all = server.logLines.join('\n');
    expect(all).not.toContain(paired.token);
    expect(all).not.toContain(code);
    expect(all).not.toContain(code.replace('-', ''));
  });
});

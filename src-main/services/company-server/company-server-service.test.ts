import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { whoamiSchema } from '../../../src-shared/company-server/api';
import { startTestServer, type TestServer } from '../../../src-server/test-support/test-server';
import { startTestApp, type TestApp } from '../../test-support/temp-services';
import { refusalOf } from '../../test-support/app-error';
import { companyServerClient } from './client';
import { readLink, readToken } from './link-store';

/**
 * The desktop's pairing, end to end: the real services (real SQLite, the test keyring) against the real company server
 * listening on a loopback port, over HTTP.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function desktopAndServer(): Promise<{ app: TestApp; server: TestServer }> {
  const server = await startTestServer({ serverName: 'Zakłady Łódzkie' });
  cleanups.push(() => server.close());
  const app = await startTestApp({ outbox: { autoStart: false } });
  cleanups.push(() => app.close());
  return { app, server };
}

describe('companyServer.pair', () => {
  it('links this computer: the token goes to the keychain only, whoami through the client names this device, unpair revokes it', async () => {
    const { app, server } = await desktopAndServer();
    expect(await app.ok('companyServer.get', {})).toEqual({ linked: false, suggestedDeviceName: expect.any(String) });

    const code = await server.newCode();
    const state = await app.ok('companyServer.pair', { url: `${server.url}/`, code: code.toLowerCase(), deviceName: 'Recepcja' });
    expect(state).toEqual({ linked: true, url: server.url, deviceId: expect.any(String), deviceName: 'Recepcja', serverId: server.serverId, serverName: 'Zakłady Łódzkie', pairedAt: expect.any(String) });
    expect(await app.ok('companyServer.get', {})).toEqual(state);

    const link = (await readLink(app.context))!;
    const token = (await readToken(app.context, link))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const settings = JSON.stringify(await app.context.db.selectFrom('settings').selectAll().execute());
    expect(settings).not.toContain(token);
    expect(JSON.stringify(state)).not.toContain(token);

    const client = await companyServerClient(app.context);
    expect(await client.call('GET', '/api/v1/whoami', whoamiSchema)).toMatchObject({ deviceId: state.linked ? state.deviceId : '', deviceName: 'Recepcja' });

    // Linked already: a second pairing is refused until unlinked.
    expect(await refusalOf(app.call('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'x' }))).toMatchObject({ code: 'IN_USE', messageKey: 'companyServer.errors.alreadyLinked' });

    expect(await app.ok('companyServer.unpair', {})).toEqual({ state: { linked: false, suggestedDeviceName: expect.any(String) }, serverRevoked: true });
    expect(await readLink(app.context)).toBeNull();
    expect(await app.context.keychain.get(link.tokenRef.slice('keychain:'.length))).toBeNull();
    expect((await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('puts a wrong or used code on the code field; a token the server revoked is refused on the client', async () => {
    const { app, server } = await desktopAndServer();
    const wrong = await refusalOf(app.call('companyServer.pair', { url: server.url, code: 'ABCDE-FGHJK', deviceName: 'Recepcja' }));
    expect(wrong).toEqual({ code: 'VALIDATION', messageKey: 'errors.validation', details: { issues: [{ path: 'code', messageKey: 'companyServer.errors.codeInvalid' }] } });

    const code = await server.newCode();
    await app.ok('companyServer.pair', { url: server.url, code, deviceName: 'Recepcja' });
    await app.ok('companyServer.unpair', {});
    expect((await refusalOf(app.call('companyServer.pair', { url: server.url, code, deviceName: 'Recepcja' }))).details?.issues).toEqual([{ path: 'code', messageKey: 'companyServer.errors.codeUsed' }]);

    // Revoked on the server (signet-server pair --revoke): the client's calls are refused as UNAUTHORIZED.
    const state = await app.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Recepcja' });
    await server.store.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', state.linked ? state.deviceId : '').execute();
    const client = await companyServerClient(app.context);
    const refused = await client.call('GET', '/api/v1/whoami', whoamiSchema).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'companyServer.errors.tokenRefused' });
    // Unlinking still works, and counts as revoked there.
    expect((await app.ok('companyServer.unpair', {})).serverRevoked).toBe(true);
  });

  it('refuses an address that is not https (plain http only for this computer) before anything is sent', async () => {
    const { app } = await desktopAndServer();
    for (const url of ['http://sign.example.com', 'http://192.168.1.10:8080', 'ftp://sign.example.com', 'sign.example.com', 'https://user:pw@sign.example.com']) {
      const refusal = await refusalOf(app.call('companyServer.pair', { url, code: 'ABCDE-FGHJK', deviceName: 'Recepcja' }));
      expect(refusal.code, url).toBe('VALIDATION');
      expect(refusal.details?.issues, url).toEqual([{ path: 'url', messageKey: expect.stringMatching(/^validation\.serverUrl/) }]);
    }
    expect((await refusalOf(app.call('companyServer.pair', { url: 'http://sign.example.com', code: 'x', deviceName: '' }))).details?.issues).toEqual([
      { path: 'url', messageKey: 'validation.serverUrlHttps' },
      { path: 'code', messageKey: 'validation.pairingCode' },
      { path: 'deviceName', messageKey: 'validation.required' },
    ]);
  });

  it('tells an unreachable address and one that is not a Signet server apart', async () => {
    const { app, server } = await desktopAndServer();
    const code = await server.newCode();
    const closedPort = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    expect(await refusalOf(app.call('companyServer.pair', { url: `http://127.0.0.1:${closedPort}`, code, deviceName: 'Recepcja' }))).toEqual({
      code: 'TRANSPORT',
      messageKey: 'companyServer.errors.unreachable',
      details: { url: `http://127.0.0.1:${closedPort}`, reason: 'ECONNREFUSED' },
    });

    const webPage = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>It works</h1>'));
    await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => webPage.close(() => resolve())));
    const url = `http://127.0.0.1:${(webPage.address() as AddressInfo).port}`;
    expect(await refusalOf(app.call('companyServer.pair', { url, code, deviceName: 'Recepcja' }))).toEqual({ code: 'TRANSPORT', messageKey: 'companyServer.errors.notSignet', details: { url, status: 200 } });
    expect(await app.ok('companyServer.get', {})).toMatchObject({ linked: false });
  });

  it('is for administrators only; anyone may see the state', async () => {
    const { app, server } = await desktopAndServer();
    const clerk = await app.ok('users.add', { name: 'Ewa Kowalska', email: 'ewa@example.pl', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    expect((await refusalOf(app.call('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Recepcja' }))).code).toBe('FORBIDDEN');
    expect((await refusalOf(app.call('companyServer.unpair', {}))).code).toBe('FORBIDDEN');
    expect(await app.ok('companyServer.get', {})).toMatchObject({ linked: false });
  });

  it('unlinks with the server gone, saying it could not revoke there', async () => {
    const { app, server } = await desktopAndServer();
    await app.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Recepcja' });
    await server.app.close();
    expect(await app.ok('companyServer.unpair', {})).toMatchObject({ state: { linked: false }, serverRevoked: false });
    expect(await readLink(app.context)).toBeNull();
  });
});

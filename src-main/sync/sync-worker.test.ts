import { afterEach, beforeEach, expect, it } from 'vitest';
import { revokeDevice } from '../../src-server/pairing/devices';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { startTestApp, type TestApp } from '../test-support/temp-services';

let server: TestServer;
let app: TestApp;

beforeEach(async () => {
  server = await startTestServer();
  app = await startTestApp();
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
});
afterEach(async () => {
  await app.close();
  await server.close();
});

const jan = { kind: 'client' as const, firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl' };

it('is off without a company server, and the app works as before', async () => {
  expect(await app.ok('sync.status', {})).toEqual({ state: 'off' });
  await app.ok('contacts.create', { fields: jan });
  expect(await app.ok('sync.now', {})).toEqual({ state: 'off' });
});

it('shows changes waiting, synced, offline with the reason, and a revoked device as stopped, never losing local data', async () => {
  // Made before pairing: the first sync sends it too.
  await app.ok('contacts.create', { fields: jan });
  const state = await app.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Laptop A' });
  expect(await app.ok('sync.status', {})).toEqual({ state: 'off' });
  const cursor = (await app.ok('events.wait', { after: -1, timeoutMs: 0 })).cursor;

  const synced = await app.ok('sync.now', {});
  expect(synced).toMatchObject({ state: 'synced', pending: 0 });
  expect((await app.ok('events.wait', { after: cursor, timeoutMs: 0 })).events).toContainEqual({ type: 'syncChanged' });
  const onServer = await server.store.db.selectFrom('sync_entries').select('value').where('entity', '=', 'contact').where('key', '=', 'last_name').execute();
  expect(onServer.map((r) => r.value)).toEqual(['"Kowalski"']);

  await app.ok('contacts.create', { fields: { ...jan, firstName: 'Ewa', email: 'ewa@example.pl' } });
  expect(await app.ok('sync.status', {})).toMatchObject({ state: 'synced', pending: 1 });

  await server.close();
  const offline = await app.ok('sync.now', {});
  expect(offline).toMatchObject({ state: 'offline', pending: 1, reason: { messageKey: 'companyServer.errors.unreachable' } });
  expect(Date.parse((offline as { retryAt: string }).retryAt)).toBeGreaterThan(Date.now());

  server = await startTestServer({ dataDir: server.dataDir, port: Number(new URL(server.url).port) });
  expect(await app.ok('sync.now', {})).toMatchObject({ state: 'synced', pending: 0 });

  if (!state.linked) throw new Error('not linked');
  await revokeDevice(server.store.db, state.deviceId, new Date());
  await app.ok('contacts.create', { fields: { ...jan, firstName: 'Olga', email: 'olga@example.pl' } });
  const stopped = await app.ok('sync.now', {});
  expect(stopped).toMatchObject({ state: 'error', pending: 1, reason: { messageKey: 'sync.errors.deviceRevoked' } });
  // Stays stopped, with the reason, and everything made here is still here.
  expect(await app.ok('sync.now', {})).toMatchObject({ state: 'error', reason: { messageKey: 'sync.errors.deviceRevoked' } });
  expect((await app.ok('contacts.list', { query: '', offset: 0, limit: 10 })).total).toBe(3);
});

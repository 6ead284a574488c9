import { afterEach, beforeEach, expect, it } from 'vitest';
import { encodeStamp } from '../../src-shared/sync/hlc';
import { maxPushBatch, type FieldChange } from '../../src-shared/sync/protocol';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { startTestApp, type TestApp } from '../test-support/temp-services';
import { runSync } from './sync-run';

let server: TestServer;
let app: TestApp;
beforeEach(async () => {
  server = await startTestServer();
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
  await server.close();
});

it('a record whose changes would straddle a full batch goes up whole in the next one', async () => {
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  await runSync(app.context, { url: server.url, token: (await pairDevice(server)).token });
  // One change short of a batch, then a record of three: as the change log leaves them after a busy day offline.
  const stamp = (i: number) => encodeStamp({ wall: Date.now() + i, counter: 0, node: 'test' });
  const change = (entity: FieldChange['entity'], id: string, field: string, i: number): FieldChange => ({ entity, id, field, value: `v${i}`, stamp: stamp(i) });
  const changes = [...Array.from({ length: maxPushBatch - 1 }, (_, i) => change('contact', `c-${i}`, 'notes', i)), ...['title', 'number', 'original_name'].map((f, i) => change('template', 't-1', f, maxPushBatch + i))];
  await app.context.db.insertInto('sync_outbox').values(changes.map((c) => ({ kind: 'field', payload: JSON.stringify(c) }))).execute();
  const before = server.logLines.length;
  await runSync(app.context, { url: server.url, token: (await pairDevice(server)).token });
  const pushes = server.logLines.slice(before).map((l) => JSON.parse(l) as { msg: string; fields?: number }).filter((l) => l.msg === 'sync push').map((l) => l.fields);
  expect(pushes).toEqual([maxPushBatch - 1, 3]);
});

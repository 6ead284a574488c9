import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../src-shared/company-server/events';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import { pairDevice } from '../test-support/paired-device';
import { createPostgresDatabase } from '../test-support/postgres';
import { publishNda } from '../test-support/published-document';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { feedChannel } from '../store/feed-wake';
import { appendFeed } from './feed';
import { followFeed } from './follow-feed';

/*
 * Two server instances on one PostgreSQL database, as behind a load balancer (issue 7, item 3): a desktop's live feed
 * held open on one instance hears a row appended through the other, woken by LISTEN/NOTIFY. Without the notice the
 * stream would find the row only when its wait passes, at the keep-alive (15 s): the test's own time limit is shorter.
 */
const withinKeepAlive = { timeout: 10_000 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));

async function instance(databaseUrl: string): Promise<TestServer> {
  const server = await startTestServer({ databaseUrl, linkOutbox: async () => {} });
  cleanup.push(() => server.close());
  return server;
}

/** Two instances, a device paired and a document published through the first, and how to append to its feed there. */
async function world() {
  const databaseUrl = await createPostgresDatabase('instances');
  const first = await instance(databaseUrl);
  const second = await instance(databaseUrl);
  expect([first.store.dialect, second.store.dialect]).toEqual(['postgres', 'postgres']);
  // Paired and published through the first: the second knows the token and the document from the database alone.
  const device = await pairDevice(first, 'Recepcja');
  const { publishedId } = await publishNda(device, pdf, randomUUID());
  const signer = await first.store.db.selectFrom('published_signers').select('id').where('document_id', '=', publishedId).executeTakeFirstOrThrow();
  const append = (type: ServerEvent['type']) =>
    first.store.db.transaction().execute((trx) => appendFeed(trx, { documentId: publishedId, signerId: signer.id, type, at: new Date().toISOString() }));
  await append('viewed');
  const stream = await followFeed(second.url, device.token);
  cleanup.push(() => stream.close());
  // The backlog read, the stream now waits for its next wake.
  expect((await stream.next(1)).map((e) => e.type)).toEqual(['viewed']);
  return { first, second, publishedId, append, stream };
}

const listeners = (server: TestServer) => sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query = ${`listen ${feedChannel}`}`.execute(server.store.db);

describe('the live feed across server instances on one PostgreSQL', () => {
  it('wakes a stream held open on one instance when a row is appended through the other', withinKeepAlive, async () => {
    const { publishedId, append, stream } = await world();
    await append('codeSent');
    const [, live] = await stream.next(2);
    expect(live).toMatchObject({ type: 'codeSent', publishedId });
  });

  it('listens again after its LISTEN connection is cut, and the next row still wakes the stream', withinKeepAlive, async () => {
    const { second, publishedId, append, stream } = await world();
    const before = (await listeners(second)).rows.map((r) => r.pid);
    expect(before).toHaveLength(2);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where pid in (${sql.join(before)})`.execute(second.store.db);
    // Both instances' listeners come back on new connections.
    for (;;) {
      const now = (await listeners(second)).rows.map((r) => r.pid);
      if (now.length === 2 && now.every((pid) => !before.includes(pid))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await append('codePassed');
    const events = await stream.next(2);
    expect(events.at(-1)).toMatchObject({ type: 'codePassed', publishedId });
  });
});

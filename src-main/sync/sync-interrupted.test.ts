import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { killHard, pairLive, readStore, startLiveServer, type LiveServer } from '../../src-server/test-support/live-server';
import { serverStoreFile } from '../../src-server/store/open-server-store';
import { createPostgresDatabase } from '../../src-server/test-support/postgres';
import pg from 'pg';
import { contactFieldsSchema } from '../../src-shared/contacts/schema';
import { fieldsToColumns } from '../services/contacts/contact-rows';
import { freePort } from '../test-support/smtp-sink';
import { startTestApp, tempDir, type TestApp } from '../test-support/temp-services';
import { waitFor } from '../test-support/wait-for';
import { runSync } from './sync-run';
import type { SyncTarget } from './sync-transport';

const children: ChildProcess[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of children) c.kill('SIGKILL');
  children.length = 0;
  for (const step of cleanup.splice(0).reverse()) await step();
});

const contacts = 1200;

/** Many contacts at once, straight into the table as an import would: the triggers log each. */
async function manyContacts(app: TestApp): Promise<void> {
  await app.context.db.transaction().execute(async (trx) => {
    for (let i = 0; i < contacts; i++) {
      const fields = contactFieldsSchema.parse({ kind: 'client', firstName: `Jan${i}`, lastName: 'Kowalski', email: `jan${i}@example.pl`, country: 'PL', city: 'Łódź', companyName: `Firma ${i}` });
      await trx.insertInto('contacts').values({ id: contactId(i), ...fieldsToColumns(fields), archived_at: null, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z' }).execute();
    }
  });
}

/** A contact id the test can name again (ids are UUIDs). */
const contactId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Where the built server keeps its store in this run, and a count read from it while the server runs or after it died. */
async function serverBackend(dataDir: string): Promise<{ env: NodeJS.ProcessEnv; count(query: string): Promise<number> }> {
  if (process.env.SIGNET_TEST_DATABASE !== 'postgres') {
    return { env: process.env, count: (query) => Promise.resolve(Number(readStore<{ n: number }>(serverStoreFile(dataDir), query)[0]!.n)) };
  }
  const databaseUrl = await createPostgresDatabase('sync-kill');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanup.push(() => client.end());
  return { env: { ...process.env, DATABASE_URL: databaseUrl }, count: async (query) => Number((await client.query<{ n: string }>(query)).rows[0]!.n) };
}

const count = (app: TestApp) => app.context.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

it('the server killed mid-push and mid-pull: each round resumes where it stopped, nothing lost, nothing twice', async () => {
  const dataDir = tempDir('signet-sync-kill-');
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  // Under SIGNET_TEST_DATABASE=postgres the built server keeps its store in PostgreSQL (DATABASE_URL), else in SQLite.
  const backend = await serverBackend(dataDir);
  const start = () => startLiveServer(['serve', '--data', dataDir, '--port', String(port)], children, backend.env);
  let server: LiveServer = await start();
  const [pa, pb] = [await pairLive(server.url, dataDir, 'Laptop A', backend.env), await pairLive(server.url, dataDir, 'Laptop B', backend.env)];
  const a = await startTestApp();
  const b = await startTestApp();
  cleanup.push(() => a.close(), () => b.close());
  const targetA: SyncTarget = { url: server.url, token: pa.token };
  const targetB: SyncTarget = { url: server.url, token: pb.token };
  await manyContacts(a);
  const entries = () => backend.count('select count(*) as n from sync_entries');

  // Cut while A pushes: some batches are in, the rest still in A's change log.
  // Caught at once: the rejection comes while the test is still waiting for the cut.
  let pushEnded = false;
  const cut = runSync(a.context, targetA).then(
    () => null,
    (e: unknown) => e,
  ).finally(() => (pushEnded = true));
  // A round that ends on its own (refused, say) ends the wait too, and its error is what the test then shows.
  await expect.poll(async () => pushEnded || (await entries()) > 0, { timeout: 30_000, interval: 5 }).toBe(true);
  await killHard(server);
  expect(await cut).toMatchObject({ code: 'TRANSPORT' });
  const landed = await entries();
  expect(landed).toBeGreaterThan(0);
  expect(await a.context.db.selectFrom('sync_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n))).toBeGreaterThan(0);

  server = await start();
  await runSync(a.context, targetA);
  expect(await a.context.db.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);
  // Each field of each contact once: a batch the server had taken before the cut, sent again, added nothing.
  const perContact = await backend.count("select count(*) as n from sync_entries where entity = 'contact' and key = 'last_name'");
  expect(perContact).toBe(contacts);

  // Cut while B pulls: the pages applied stay applied, the position with them.
  let pullEnded = false;
  const pulling = runSync(b.context, targetB).then(
    () => null,
    (e: unknown) => e,
  ).finally(() => (pullEnded = true));
  await waitFor(() => pullEnded || readStore<{ n: number }>(b.store.file, 'select count(*) as n from contacts')[0]!.n > 0, 'the first page on B', 30_000);
  await killHard(server);
  expect(await pulling).toMatchObject({ code: 'TRANSPORT' });
  const partly = await count(b);
  expect(partly).toBeLessThan(contacts);

  await start();
  await runSync(b.context, targetB);
  expect(await count(b)).toBe(contacts);
  const sample = await b.ok('contacts.get', { id: contactId(777) });
  expect(sample).toMatchObject({ firstName: 'Jan777', email: 'jan777@example.pl', companyName: 'Firma 777', city: 'Łódź' });
  // Nothing B took came back as B's own change.
  expect(await b.context.db.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);
}, 120_000);

import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { silentLog } from '../../src-main/app/log';
import { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { tempDir } from '../../src-main/test-support/temp-services';
import { loadServerDelivery, serverConfigFile } from '../config/server-config';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { createPostgresDatabase } from '../test-support/postgres';
import { createServerOutbox, type ServerOutbox } from './server-outbox';

/*
 * Two company server instances on one PostgreSQL database send from one outbox (issue 7, item 3): both workers look
 * for due messages at once, and each message still goes out once — a claim another instance won between the read and
 * the update is left to it.
 */
const open: { outbox: ServerOutbox; store: ServerStore }[] = [];
let sink: SmtpSink | undefined;
afterEach(async () => {
  for (const { outbox, store } of open.splice(0)) {
    await outbox.stop();
    await store.close();
  }
  await sink?.stop();
});

/** An instance of the server's outbox on `databaseUrl`, its own data folder, sending to the test's SMTP server. */
async function instance(databaseUrl: string, now?: () => Date): Promise<{ outbox: ServerOutbox; store: ServerStore }> {
  const dataDir = tempDir('signet-outbox-instance-');
  fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink!.port, security: 'none', fromAddress: 'podpisy@zaklady.pl' } }));
  const store = await openServerStore(dataDir, { databaseUrl });
  const outbox = createServerOutbox({ store, dataDir, delivery: loadServerDelivery(dataDir, {}), log: silentLog, ...(now ? { now } : {}) });
  open.push({ outbox, store });
  return { outbox, store };
}

it('two instances draining one outbox send every message once', async () => {
  sink = await new SmtpSink().start();
  const databaseUrl = await createPostgresDatabase('outbox');
  const instances = [(await instance(databaseUrl)).outbox, (await instance(databaseUrl)).outbox];
  const messages = 40;
  for (let i = 0; i < messages; i++) await instances[i % 2]!.enqueue({ channel: 'email', to: `signer${i}@example.pl`, subject: `Umowa ${i}`, text: 'Do podpisu', purpose: 'signingLink', idempotencyKey: `link:${i}` });
  const sent = await Promise.all(instances.map((o) => o.worker.runDue()));
  expect(sent[0]! + sent[1]!).toBe(messages);
  expect(sink.received).toHaveLength(messages);
  expect(new Set(sink.received.map((m) => m.to)).size).toBe(messages);
});

it("an instance starting while another sends leaves that message to it, and takes over a dead instance's claim once its lease ran out", async () => {
  sink = await new SmtpSink().start();
  const databaseUrl = await createPostgresDatabase('outbox-lease');
  let ahead = 0;
  const a = await instance(databaseUrl);
  const b = await instance(databaseUrl, () => new Date(Date.now() + ahead));
  await a.outbox.enqueue({ channel: 'email', to: 'anna@example.pl', subject: 'Umowa', text: 'Do podpisu', purpose: 'signingLink', idempotencyKey: 'link:lease' });
  // A claims it and is mid-send (the claim as the worker writes it: sending, leased for 10 minutes, not committed).
  await a.store.db.updateTable('outbox').set({ status: 'sending', attempts: 1, next_attempt_at: new Date(Date.now() + 10 * 60_000).toISOString() }).execute();

  await b.outbox.start();
  expect(await b.outbox.worker.runDue()).toBe(0);
  expect((await b.store.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status).toBe('sending');
  expect(sink.received).toHaveLength(0);

  // A died: eleven minutes on, its lease has run out and B sends the message, once.
  ahead = 11 * 60_000;
  expect(await b.outbox.worker.runDue()).toBe(1);
  expect(sink.received.map((m) => m.to)).toEqual(['anna@example.pl']);
  expect(await b.outbox.worker.runDue()).toBe(0);
});

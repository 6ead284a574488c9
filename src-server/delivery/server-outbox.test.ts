import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src-main/app/log';
import { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { tempDir } from '../../src-main/test-support/temp-services';
import { loadServerDelivery, serverConfigFile } from '../config/server-config';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { testDatabaseUrl } from '../test-support/postgres';
import { createServerOutbox, type ServerOutbox } from './server-outbox';

const sinks: SmtpSink[] = [];
const open: { outbox: ServerOutbox; store: ServerStore }[] = [];
afterEach(async () => {
  for (const { outbox, store } of open.splice(0)) {
    await outbox.stop();
    await store.close();
  }
  for (const sink of sinks.splice(0)) await sink.stop();
});

/** The server's outbox as `serve` makes it: its store in DIR, its settings from DIR/server.json and the environment. */
async function serverOutbox(dataDir: string, now?: () => Date) {
  const store = await openServerStore(dataDir, { databaseUrl: await testDatabaseUrl(dataDir) });
  const outbox = createServerOutbox({ store, dataDir, delivery: loadServerDelivery(dataDir, {}), log: silentLog, ...(now ? { now } : {}), worker: { policy: { baseMs: 60_000, capMs: 60_000, maxAttempts: 3 } } });
  open.push({ outbox, store });
  return { store, outbox };
}

async function sinkConfigured(): Promise<{ dataDir: string; sink: SmtpSink }> {
  const sink = await new SmtpSink().start();
  sinks.push(sink);
  const dataDir = tempDir('signet-server-outbox-');
  fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));
  return { dataDir, sink };
}

describe("the company server's outbox", () => {
  it("sends through server.json's SMTP server with the desktop's worker: once per key, the Message-ID from the key", async () => {
    const { dataDir, sink } = await sinkConfigured();
    const { store, outbox } = await serverOutbox(dataDir);
    const first = await outbox.enqueue({ channel: 'email', to: 'anna@example.pl', subject: 'Umowa do podpisu', text: 'Zażółć gęślą jaźń', purpose: 'signingLink', idempotencyKey: 'signing-link:l-1' });
    const again = await outbox.enqueue({ channel: 'email', to: 'anna@example.pl', subject: 'inna', text: 'inna', purpose: 'signingLink', idempotencyKey: 'signing-link:l-1' });
    expect(again).toEqual({ id: first.id, idempotencyKey: 'signing-link:l-1', duplicate: true });
    await outbox.start();
    await expect.poll(() => sink.received.length).toBe(1);
    expect(sink.received[0]).toMatchObject({ to: 'anna@example.pl', subject: 'Umowa do podpisu', text: 'Zażółć gęślą jaźń' });
    await expect.poll(async () => (await store.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status).toBe('sent');
    expect([...sink.counts().keys()]).toHaveLength(1);
  });

  it('writes a message with the transaction that wrote it, and scrubs a one-time code and a signing link once sent', async () => {
    const { dataDir, sink } = await sinkConfigured();
    const { store, outbox } = await serverOutbox(dataDir);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await outbox.enqueue({ channel: 'email', to: 'jan@example.pl', text: 'x', purpose: 'signingLink' }, trx);
        throw new Error('the publish failed');
      }),
    ).rejects.toThrow('the publish failed');
    await outbox.enqueue({ channel: 'email', to: 'jan@example.pl', subject: 'Kod', text: 'Twój kod: 123456', purpose: 'otp' });
    await outbox.enqueue({ channel: 'email', to: 'ewa@example.pl', subject: 'Umowa', text: 'https://sign.example.com/s/dG9rZW4', purpose: 'signingLink' });
    await outbox.start();
    const removed = '[removed after delivery: it held a one-time code or a signing link]';
    await expect.poll(async () => (await store.db.selectFrom('outbox').select(['status', 'text']).orderBy('recipient').execute()).map((r) => [r.status, r.text])).toEqual([['sent', removed], ['sent', removed]]);
    expect(sink.received.map((m) => m.text.trim()).sort()).toEqual(['Twój kod: 123456', 'https://sign.example.com/s/dG9rZW4']);
  });

  it('keeps what it could not send across a restart, and sends it once the SMTP server is back', async () => {
    const { dataDir, sink } = await sinkConfigured();
    await sink.stop();
    let { store, outbox } = await serverOutbox(dataDir);
    await outbox.enqueue({ channel: 'email', to: 'anna@example.pl', subject: 'Umowa', text: 'Treść', purpose: 'signingLink', idempotencyKey: randomUUID() });
    await outbox.start();
    await expect.poll(async () => (await store.db.selectFrom('outbox').select(['status', 'attempts']).where('status', '=', 'queued').where('attempts', '>', 0).execute()).length).toBe(1);
    expect((await store.db.selectFrom('outbox').select('last_error').executeTakeFirstOrThrow()).last_error).toMatch(/ECONNREFUSED/);
    const running = open.pop()!;
    await running.outbox.stop();
    await running.store.close();

    // Started again after the retry's time (a minute on): the message kept its place and its schedule.
    await sink.start();
    ({ store, outbox } = await serverOutbox(dataDir, () => new Date(Date.now() + 120_000)));
    await outbox.start();
    await expect.poll(() => sink.received.length).toBe(1);
    await expect.poll(async () => (await store.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status).toBe('sent');
  });

  it('leaves an SMS waiting, with the reason, while server.json sets up no SMS provider', async () => {
    const { dataDir } = await sinkConfigured();
    const { store, outbox } = await serverOutbox(dataDir);
    await outbox.enqueue({ channel: 'sms', to: '+48601234567', text: 'Link: https://sign.example.com/s/abc', purpose: 'signingLink' });
    await outbox.start();
    await expect.poll(async () => (await store.db.selectFrom('outbox').select(['status', 'last_error']).executeTakeFirstOrThrow()).last_error).toBe('sms.notConfigured');
  });
});

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

it('two instances draining one outbox send every message once', async () => {
  sink = await new SmtpSink().start();
  const databaseUrl = await createPostgresDatabase('outbox');
  const instances = [];
  for (let i = 0; i < 2; i++) {
    const dataDir = tempDir('signet-outbox-instance-');
    fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl' } }));
    const store = await openServerStore(dataDir, { databaseUrl });
    const outbox = createServerOutbox({ store, dataDir, delivery: loadServerDelivery(dataDir, {}), log: silentLog });
    open.push({ outbox, store });
    instances.push(outbox);
  }
  const messages = 40;
  for (let i = 0; i < messages; i++) await instances[i % 2]!.enqueue({ channel: 'email', to: `signer${i}@example.pl`, subject: `Umowa ${i}`, text: 'Do podpisu', purpose: 'signingLink', idempotencyKey: `link:${i}` });
  const sent = await Promise.all(instances.map((o) => o.worker.runDue()));
  expect(sent[0]! + sent[1]!).toBe(messages);
  expect(sink.received).toHaveLength(messages);
  expect(new Set(sink.received.map((m) => m.to)).size).toBe(messages);
});

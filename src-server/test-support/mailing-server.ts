import fs from 'node:fs';
import { silentLog } from '../../src-main/app/log';
import { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { tempDir } from '../../src-main/test-support/temp-services';
import { loadServerDelivery, serverConfigFile } from '../config/server-config';
import { createServerOutbox, type ServerOutbox } from '../delivery/server-outbox';
import { startTestServer, type TestServer } from './test-server';

export interface MailingServer {
  server: TestServer;
  /** The SMTP server on loopback that server.json names; stopped by `cleanup`. */
  sink: SmtpSink;
  /** The server's own outbox behind the links' and the codes' outbox, not started: the caller starts and stops it. */
  outbox: ServerOutbox;
}

/**
 * The real server on a loopback port with its real outbox, as `serve` runs them: server.json's SMTP pointed at an SMTP
 * server on loopback, the signing links and identity codes written to the outbox in their transactions, the test's
 * clock. The caller closes the server (and the outbox, if it started it).
 */
export async function startMailingServer(cleanup: (() => Promise<void>)[], options: { now: () => Date; onAllSigned?: (publishedId: string) => void }): Promise<MailingServer> {
  const sink = await new SmtpSink().start();
  cleanup.push(() => sink.stop());
  const dataDir = tempDir('signet-portal-');
  fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));
  const late: { outbox?: ServerOutbox } = {};
  const server = await startTestServer({
    dataDir,
    now: options.now,
    linkOutbox: async (trx, message) => void (await late.outbox!.enqueue(message, trx)),
    codeOutbox: async (trx, message) => void (await late.outbox!.enqueue(message, trx)),
    accountOutbox: async (trx, message) => void (await late.outbox!.enqueue(message, trx)),
    ...(options.onAllSigned ? { onAllSigned: options.onAllSigned } : {}),
  });
  const outbox = (late.outbox = createServerOutbox({ store: server.store, dataDir, delivery: loadServerDelivery(dataDir, {}), log: silentLog, now: options.now }));
  return { server, sink, outbox };
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src-main/delivery/outbox/enqueue';
import { lockStore, readOutbox } from '../../src-main/test-support/outbox-rows';
import { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { tempDir } from '../../src-main/test-support/temp-services';
import { waitFor } from '../../src-main/test-support/wait-for';
import { serverConfigFile } from '../config/server-config';
import { openServerStore, serverStoreFile } from '../store/open-server-store';
import { spawnServer, type ServerProcess } from '../test-support/server-process';

/**
 * The built server (out/main/signet-server.js) killed with SIGKILL while its outbox sends an e-mail, at the desktop
 * test's four points (src-main/delivery/outbox/outbox-crash.test.ts: before anything is sent, in DATA, after the final
 * "." with no reply, after the 250 before "sent" is recorded), started again on the same data folder each time, and
 * stopped with SIGTERM in the middle of a send: a real SMTP server on loopback received every message exactly once.
 * Needs `npm run build` first.
 *
 * Messages are written to the store while the server is down (nothing else writes to its outbox yet); a start sends
 * what is due at once. Between the points the server is started without holds and stopped cleanly once all is sent.
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function enqueueOffline(dataDir: string, to: string): Promise<void> {
  const store = await openServerStore(dataDir);
  try {
    await enqueue({ db: store.db, now: () => new Date(), newId: randomUUID, events: { publish: () => {} } }, { channel: 'email', to, subject: 'Umowa do podpisu', text: 'Link do podpisu', purpose: 'signingLink' });
  } finally {
    await store.close();
  }
}

const logged = (server: ServerProcess, msg: string) => server.lines.some((l) => l.msg === msg);

async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

async function stopCleanly(server: ServerProcess): Promise<void> {
  // Its handlers are in place once it says it started (the outbox may have sent everything before that).
  await waitFor(() => logged(server, 'company server started'), 'the server to start');
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(server.lines.find((l) => l.msg === 'stopped')).toMatchObject({ failed: [] });
}

describe("the server's outbox across SIGKILL and SIGTERM mid-send", () => {
  it('delivers each message exactly once', async () => {
    const dataDir = tempDir('signet-server-outbox-crash-');
    const storeFile = serverStoreFile(dataDir);
    const sink = await new SmtpSink().start();
    fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl' } }));
    const start = () => spawnServer(['serve', '--data', dataDir, '--port', '0'], children);
    const newestRow = () => readOutbox(storeFile).at(-1)!;
    /** Started without holds: what the kill left is settled (resent or counted as sent), then a clean stop. */
    const settle = async (received: number) => {
      sink.onConnect = () => {};
      sink.onMessage = () => {};
      sink.onDataStart = () => {};
      const server = start();
      await waitFor(() => readOutbox(storeFile).every((r) => r.status === 'sent'), 'every message to be settled');
      expect(sink.received).toHaveLength(received);
      await stopCleanly(server);
    };

    try {
      // 1. Claimed, connecting: the SMTP server holds its greeting.
      let release = () => {};
      let connected = false;
      sink.onConnect = () => {
        connected = true;
        return new Promise<void>((r) => (release = r));
      };
      await enqueueOffline(dataDir, 'przed@example.pl');
      let server = start();
      await waitFor(() => connected, 'the connection');
      await kill(server);
      release();
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: null });
      await settle(1);

      // 2. In DATA, the final "." not sent: "about to commit" cannot be written while the test holds the store.
      let unlock = () => {};
      let inData = false;
      sink.onConnect = () => {
        unlock = lockStore(storeFile);
      };
      sink.onDataStart = () => (inData = true);
      await enqueueOffline(dataDir, 'w-trakcie@example.pl');
      server = start();
      await waitFor(() => inData, 'the message body');
      await kill(server);
      unlock();
      await waitFor(() => sink.aborted === 1, 'the SMTP server to drop the unfinished message');
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: null });
      await settle(2);

      // 3. The whole message arrived; the reply is held back.
      let arrived = false;
      sink.onMessage = () => {
        arrived = true;
        return new Promise<void>(() => {});
      };
      await enqueueOffline(dataDir, 'po-kropce@example.pl');
      server = start();
      await waitFor(() => arrived, 'the whole message');
      await kill(server);
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: expect.any(String) });
      await settle(3);

      // 4. Accepted with 250, but "sent" cannot be recorded.
      sink.onMessage = () => {
        unlock = lockStore(storeFile);
      };
      await enqueueOffline(dataDir, 'po-250@example.pl');
      server = start();
      await waitFor(() => logged(server, 'outbox accepted'), 'the server to read the 250');
      await kill(server);
      unlock();
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: expect.any(String) });
      await settle(4);

      // 5. SIGTERM while the reply is held: the send in flight finishes, is recorded as sent, and the server exits 0.
      let replied = () => {};
      sink.onMessage = () => new Promise<void>((r) => (replied = r));
      await enqueueOffline(dataDir, 'przy-zamykaniu@example.pl');
      server = start();
      await waitFor(() => sink.received.length === 5 && logged(server, 'company server started'), 'the whole message');
      server.child.kill('SIGTERM');
      await waitFor(() => server.lines.some((l) => l.msg.startsWith('stopping')), 'the server to start stopping');
      replied();
      expect(await server.exited).toBe(0);
      expect(server.lines.find((l) => l.msg === 'stopped')).toMatchObject({ failed: [] });
      expect(newestRow()).toMatchObject({ status: 'sent', unconfirmed: 0, attempts: 1 });
      await settle(5);

      const rows = readOutbox(storeFile);
      expect(rows.map((r) => [r.status, r.attempts, r.unconfirmed])).toEqual([
        ['sent', 2, 0],
        ['sent', 2, 0],
        ['sent', 1, 1],
        ['sent', 1, 1],
        ['sent', 1, 0],
      ]);
      // Counted by Message-ID, which each message keeps across attempts: every one arrived once, nothing else did.
      expect(Object.fromEntries(sink.counts())).toEqual(Object.fromEntries(rows.map((r) => [`<${r.id}@signet.local>`, 1])));
      expect(sink.received.map((m) => m.to)).toEqual(['przed@example.pl', 'w-trakcie@example.pl', 'po-kropce@example.pl', 'po-250@example.pl', 'przy-zamykaniu@example.pl']);
    } finally {
      await sink.stop();
    }
  }, 180_000);
});

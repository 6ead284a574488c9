import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockStore, readOutbox } from '../../test-support/outbox-rows';
import { SmtpSink } from '../../test-support/smtp-sink';
import { tempDir } from '../../test-support/temp-services';
import { waitFor } from '../../test-support/wait-for';
import { killHosts, startHost, type Host } from '../../test-support/web-host-process';

afterEach(killHosts);

/**
 * Kills the real browser host (out/main/web-host.js, as `npm run web` runs it, its outbox worker included) with SIGKILL
 * while it sends an e-mail, at four points, starts it again on the same data folder each time, and counts what a real
 * SMTP server on loopback received: every message exactly once. Needs `npm run build` first.
 *
 * The points are held still so the kill lands where it says: the server holds its greeting (before anything is sent);
 * the test holds a write lock on the store while the host is in DATA, so its "about to send the final dot" cannot be
 * written and the dot cannot go (mid-DATA); the server holds its reply after the whole message arrived (the dot is
 * out, no answer yet); the test holds the lock after the server accepted, so "sent" cannot be written.
 */
describe('the outbox across SIGKILL mid-send', () => {
  it('delivers each message exactly once whether the host is killed before sending, in DATA, before the reply or before recording "sent"', async () => {
    const dataDir = tempDir('signet-outbox-crash-');
    const storeFile = path.join(dataDir, 'signet.sqlite');
    const sink = await new SmtpSink().start();
    const sendTest = (host: Host, to: string) => host.fire('mail.test', { to, language: 'pl' });
    const newestRow = () => readOutbox(storeFile).at(-1)!;
    const restart = async () => {
      sink.onConnect = () => {};
      sink.onMessage = () => {};
      sink.onDataStart = () => {};
      return startHost(dataDir);
    };

    try {
      let host = await startHost(dataDir);
      await host.call('mail.settings.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'biuro@zaklady.pl' });

      // 1. Claimed, connecting: the server holds its greeting.
      let release = () => {};
      let connected = false;
      sink.onConnect = () => {
        connected = true;
        return new Promise<void>((r) => (release = r));
      };
      sendTest(host, 'przed@example.pl');
      await waitFor(() => connected, 'the connection');
      await host.kill();
      release();
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: null });
      expect(sink.received).toHaveLength(0);
      host = await restart();
      await waitFor(() => sink.received.length === 1, 'the resend after restart');

      // 2. In DATA, the body on its way, the final "." not sent: "about to commit" cannot be written.
      let unlock = () => {};
      let inData = false;
      sink.onConnect = () => {
        unlock = lockStore(storeFile);
      };
      sink.onDataStart = () => (inData = true);
      sendTest(host, 'w-trakcie@example.pl');
      await waitFor(() => inData, 'the message body');
      await host.kill();
      unlock();
      await waitFor(() => sink.aborted === 1, 'the server to drop the unfinished message');
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: null });
      expect(sink.received).toHaveLength(1);
      host = await restart();
      await waitFor(() => sink.received.length === 2, 'the resend after restart');

      // 3. The whole message arrived (the server has it); its reply is held back.
      let arrived = false;
      sink.onMessage = () => {
        arrived = true;
        return new Promise<void>(() => {});
      };
      sendTest(host, 'po-kropce@example.pl');
      await waitFor(() => arrived, 'the whole message');
      await host.kill();
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: expect.any(String) });
      host = await restart();

      // 4. Accepted with 250, but "sent" cannot be recorded.
      const linesBefore = host.log.text.split('\n').length;
      sink.onMessage = () => {
        unlock = lockStore(storeFile);
      };
      sendTest(host, 'po-250@example.pl');
      await waitFor(() => host.log.text.split('\n').slice(linesBefore - 1).some((l) => l.includes('"outbox accepted"')), 'the host to read the 250');
      await host.kill();
      unlock();
      expect(newestRow()).toMatchObject({ status: 'sending', committed_at: expect.any(String) });

      host = await restart();
      await waitFor(() => readOutbox(storeFile).every((r) => r.status === 'sent'), 'every message to be settled');
      await host.kill();

      const rows = readOutbox(storeFile);
      expect(rows.map((r) => [r.status, r.attempts, r.unconfirmed])).toEqual([
        ['sent', 2, 0],
        ['sent', 2, 0],
        ['sent', 1, 1],
        ['sent', 1, 1],
      ]);
      // Counted by Message-ID, which each message keeps across attempts: every one arrived once, nothing else did.
      expect(sink.received).toHaveLength(4);
      expect(Object.fromEntries(sink.counts())).toEqual(Object.fromEntries(rows.map((r) => [`<${r.id}@signet.local>`, 1])));
      expect(sink.received.map((m) => m.to)).toEqual(['przed@example.pl', 'w-trakcie@example.pl', 'po-kropce@example.pl', 'po-250@example.pl']);
    } finally {
      await sink.stop();
    }
  }, 120_000);
});

import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { inspectPdf } from '../../src-main/pdf/inspect';
import { ensureCompanyIdentity } from '../../src-main/services/identity/company-identity';
import { SmtpSink, type ReceivedMail } from '../../src-main/test-support/smtp-sink';
import { resourcesDir, startTestApp, tempDir, type TestApp } from '../../src-main/test-support/temp-services';
import { sealPasswordEnv } from '../seal/sealer';
import type { PairedDevice } from '../test-support/paired-device';
import { publishAs, uploadWhole } from '../test-support/published-document';
import { pairLive, startLiveServer } from '../test-support/live-server';
import type { ServerProcess } from '../test-support/server-process';

/**
 * The load bench's world, all real: a desktop store that made the company CA and exported the server's seal, an SMTP
 * server on loopback, the built company server as its own process (`--trust-proxy`, so each simulated signer can come
 * from its own address as they would through a reverse proxy, and the per-address limits apply to each, not to all),
 * a paired device, and `n` published documents with one counterparty each, whose link e-mails give the tokens.
 */
export interface PortalWorld {
  url: string;
  /** The server's data folder (its store file: serverStoreFile). */
  dataDir: string;
  desktop: TestApp;
  sink: SmtpSink;
  server: ServerProcess;
  device: PairedDevice;
  /** Per signer: their e-mail address and the token from their link's e-mail. */
  signers: { email: string; token: string }[];
  /** The 6-digit code in the newest code e-mail to `email` received after `since` messages. */
  codeFor(email: string, since: number): Promise<string>;
  close(): Promise<void>;
}

const password = 'hasło pieczęci serwera do testu obciążenia';
const linkPattern = /\/s\/([A-Za-z0-9_-]{20,128})/;

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function mailWith(sink: SmtpSink, to: string, from: number, match: (m: ReceivedMail) => boolean): ReceivedMail | undefined {
  for (let i = sink.received.length - 1; i >= from; i--) {
    const m = sink.received[i]!;
    if (m.to === to && match(m)) return m;
  }
  return undefined;
}

export async function startPortalWorld(n: number, children: ChildProcess[]): Promise<PortalWorld> {
  const desktop = await startTestApp();
  await desktop.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Łukasz Żółkiewski' });
  await ensureCompanyIdentity(desktop.context);
  const exported = await desktop.ok('identity.exportServerSeal', { password });
  const dataDir = tempDir('signet-portal-bench-');
  const p12 = path.join(dataDir, 'server-seal.p12');
  fs.writeFileSync(p12, Buffer.from(exported.data, 'base64'));
  const sink = await new SmtpSink().start();
  fs.writeFileSync(path.join(dataDir, 'server.json'), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));
  const live = await startLiveServer(
    ['serve', '--data', dataDir, '--port', '0', '--public-url', 'https://podpis.zaklady.pl', '--trust-proxy', '127.0.0.1', '--seal-p12', p12],
    children,
    { ...process.env, [sealPasswordEnv]: password },
  );
  const { url, process: server } = live;
  const device = await pairLive(url, dataDir, 'Bench');

  const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
  const fileSha256 = await uploadWhole(device, pdf);
  // As the desktop publishes (publish-payload.ts): the pages' sizes it measured when the file was imported.
  const { pageSizes } = await inspectPdf(pdf);
  const expiresAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
  const emails = Array.from({ length: n }, (_, i) => `sygnatariusz-${i + 1}@klient.example.pl`);
  for (const [i, email] of emails.entries()) {
    const request: PublishRequest = {
      documentId: randomUUID(),
      title: `Umowa dostawy nr ${i + 1}/2026`,
      number: `UD/${i + 1}/2026`,
      companyName: 'Zakłady Łódzkie Sp. z o.o.',
      fileSha256,
      layout: { fields: [{ id: 'sig', kind: 'signature', page: 0, rect: { x: 72, y: 100, width: 180, height: 36 }, signerId: 'counterparty-1', required: true }] },
      signers: [{ id: String(i + 1), ref: 'counterparty-1', side: 'counterparty', name: `Sygnatariusz ${i + 1}`, email, channel: 'email', language: 'pl' }],
      order: 'parallel',
      expiresAt,
      pageSizes,
    };
    await publishAs(device, request);
  }
  const signers = await until(`${n} link e-mails`, () => {
    const found = emails.map((email) => ({ email, token: linkPattern.exec(mailWith(sink, email, 0, (m) => linkPattern.test(m.text))?.text ?? '')?.[1] }));
    return found.every((s) => s.token) ? (found as { email: string; token: string }[]) : undefined;
  });

  return {
    url,
    dataDir,
    desktop,
    sink,
    server,
    device,
    signers,
    codeFor: (email, since) =>
      until(`the code e-mail to ${email}`, () => {
        const text = mailWith(sink, email, since, (m) => !linkPattern.test(m.text) && /\b\d{6}\b/.test(m.text))?.text;
        return text ? /\b(\d{6})\b/.exec(text)![1]! : undefined;
      }, 60_000),
    async close() {
      server.child.kill('SIGTERM');
      await server.exited;
      await sink.stop();
      await desktop.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedFilePath } from '../../src-shared/company-server/events';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { portalSignedSchema, portalSignPath, portalSigningPath } from '../../src-shared/portal/signing-session';
import { verifyPdf } from '../../src-main/pdf/verify';
import { lockStore } from '../../src-main/test-support/outbox-rows';
import { makePng } from '../../src-main/test-support/png';
import { freePort, SmtpSink } from '../../src-main/test-support/smtp-sink';
import { resourcesDir, tempDir } from '../../src-main/test-support/temp-services';
import { waitFor } from '../../src-main/test-support/wait-for';
import { serverConfigFile } from '../config/server-config';
import { serverFilesDir } from '../publishing/server-files';
import { sealPasswordEnv } from '../seal/sealer';
import { serverStoreFile } from '../store/open-server-store';
import { killHard, linkTokenFor, pairLive, portalSession, readStore, startLiveServer, type LiveServer } from '../test-support/live-server';
import { publishAs, uploadWhole } from '../test-support/published-document';
import { sealPassword, testSeal } from '../test-support/signed-world';

/*
 * Issue 6: the built company server (out/main/signet-server.js; needs `npx electron-vite build` first) killed with
 * SIGKILL mid-signature and started again on the same data folder and port, so the links and the session cookies the
 * signers hold keep working. Two counterparties sign in parallel; the kill lands in one of the windows that matter:
 *
 * (a) during the first signer's POST sign: as its bytes reach the server (committed or not, by the race); held before
 *     its commit (a write lock on the store from outside, so it cannot commit); and right after its answer (committed);
 * (b) after the last signature committed, before its seal did: the seal composing, and the sealed file already stored
 *     but its transaction held (the lock again), so the sweep at the next start is what seals.
 *
 * Whatever the window, the signer can finish after the restart: a signature that committed is answered again as the
 * same signature, one that did not is made now. Then exactly one signature, one evidence row and one feed row per
 * signer, one seal, one signed copy per party, an outbox with nothing stuck or twice, and a sealed PDF that verifies.
 */

const children: ChildProcess[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const step of cleanup.splice(0).reverse()) await step();
});

const agent = 'Mozilla/5.0 (Linux; Android 14) Signet SIGKILL test';
const signature = makePng(240, 80).toString('base64');
const signBody = JSON.stringify({ method: 'drawn', image: signature, consent: true, values: {} });
const ala = { id: '31', ref: 'counterparty-1', side: 'counterparty', name: 'Ala Wiśniewska', email: 'ala@klient.example.pl', channel: 'email', language: 'pl' } as const;
const ben = { id: '32', ref: 'counterparty-2', side: 'counterparty', name: 'Ben Carter', email: 'ben@client.example.com', channel: 'email', language: 'en' } as const;

function publishRequest(fileSha256: string): PublishRequest {
  const rect = (x: number) => ({ x, y: 100, width: 180, height: 40 });
  return {
    documentId: randomUUID(),
    title: 'Umowa dostawy',
    number: 'UD/2026/06/0007',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256,
    layout: {
      fields: [
        { id: 'sigAla', kind: 'signature', page: 0, rect: rect(72), signerId: ala.ref, required: true },
        { id: 'sigBen', kind: 'signature', page: 0, rect: rect(300), signerId: ben.ref, required: true },
      ],
    },
    signers: [ala, ben],
    order: 'parallel',
    expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  };
}

/** The server's data folder, its SMTP server, its port: what a restart starts again on. */
async function world() {
  const { pki, p12File } = testSeal();
  const sink = await new SmtpSink().start();
  cleanup.push(() => sink.stop());
  const dataDir = tempDir('signet-sigkill-');
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));
  // Fixed across restarts: the links' address and the signers' cookies stay valid.
  const port = await freePort();
  const args = ['serve', '--data', dataDir, '--port', String(port), '--public-url', 'https://podpis.zaklady.pl', '--seal-p12', p12File];
  const start = () => startLiveServer(args, children, { ...process.env, [sealPasswordEnv]: sealPassword });
  let server = await start();
  const device = await pairLive(server.url, dataDir);
  const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
  const published = await publishAs(device, publishRequest(await uploadWhole(device, pdf)));
  const tokens = { ala: await linkTokenFor(sink, ala.email), ben: await linkTokenFor(sink, ben.email) };
  const storeFile = serverStoreFile(dataDir);
  const signerOf = (who: typeof ala | typeof ben) =>
    readStore<{ id: string; status: string; signed_at: string | null }>(storeFile, 'select id, status, signed_at from published_signers where document_id = ? and desktop_signer_id = ?', published.publishedId, who.id)[0]!;
  return {
    sink,
    dataDir,
    storeFile,
    device,
    publishedId: published.publishedId,
    tokens,
    caPem: pki.caPem,
    get server(): LiveServer {
      return server;
    },
    async restart() {
      server = await start();
    },
    session: (who: typeof ala | typeof ben) => portalSession(server.url, sink, tokens[who === ala ? 'ala' : 'ben'], who.email, agent),
    signerOf,
    outbox: () => readStore<{ recipient: string; purpose: string; status: string; unconfirmed: number }>(storeFile, 'select recipient, purpose, status, unconfirmed from outbox'),
    sealedSha256: () => readStore<{ sealed_sha256: string | null }>(storeFile, 'select sealed_sha256 from published_documents where id = ?', published.publishedId)[0]!.sealed_sha256,
  };
}
type World = Awaited<ReturnType<typeof world>>;

/**
 * POST sign over a connection of its own, so a test can act the moment the request has left: `sent` resolves once its
 * bytes are handed to the kernel, `answer` with the reply, or with the error a killed server leaves.
 */
function sendSign(url: string, cookie: string): { sent: Promise<void>; answer: Promise<{ status: number; body: string } | Error> } {
  const { hostname, port } = new URL(url);
  const request = http.request({
    host: hostname,
    port,
    method: 'POST',
    path: portalSignPath,
    agent: false,
    headers: { cookie, 'user-agent': agent, 'content-type': 'application/json', 'content-length': Buffer.byteLength(signBody) },
  });
  const answer = new Promise<{ status: number; body: string } | Error>((resolve) => {
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
      response.on('error', resolve);
    });
    request.on('error', resolve);
  });
  const sent = new Promise<void>((resolve) => request.end(signBody, () => resolve()));
  return { sent, answer };
}

async function signNow(w: World, cookie: string) {
  const response = await fetch(`${w.server.url}${portalSignPath}`, { method: 'POST', headers: { cookie, 'user-agent': agent, 'content-type': 'application/json' }, body: signBody });
  expect(response.status).toBe(200);
  return portalSignedSchema.parse(await response.json());
}

/** Every message written so far is settled: no write of the outbox's can stand between a test's lock and the seal. */
const outboxSettled = (w: World) => waitFor(() => w.outbox().every((r) => r.status === 'sent'), 'the outbox to have sent everything', 30_000);

/** After the restart: the signer whose signature may or may not have committed finishes; it is not signed twice. */
async function finishAfterRestart(w: World, cookie: string, before: string | null) {
  // The session is in the store: the cookie the signer holds still opens it.
  const subject = await fetch(`${w.server.url}${portalSigningPath}`, { headers: { cookie, 'user-agent': agent } });
  expect(subject.status).toBe(200);
  const answer = await signNow(w, cookie);
  if (before) expect(answer.signedAt).toBe(before);
  return answer;
}

/** The document ends as one: completed, sealed once, each signature, evidence, feed row and signed copy once. */
async function expectSettledOnce(w: World) {
  const sealedSha256 = w.sealedSha256();
  expect(sealedSha256).not.toBeNull();
  expect(readStore(w.storeFile, 'select state from published_documents where id = ?', w.publishedId)).toEqual([{ state: 'completed' }]);
  const signers = readStore<{ id: string; status: string }>(w.storeFile, 'select id, status from published_signers where document_id = ? order by position', w.publishedId);
  expect(signers.map((s) => s.status)).toEqual(['signed', 'signed']);
  const countOf = (table: string, type: string) =>
    readStore<{ signer_id: string | null; n: number }>(w.storeFile, `select signer_id, count(*) as n from ${table} where document_id = ? and type = ? group by signer_id order by signer_id`, w.publishedId, type);
  const onePerSigner = signers.map((s) => ({ signer_id: s.id, n: 1 })).sort((a, b) => a.signer_id.localeCompare(b.signer_id));
  expect(countOf('portal_events', 'signed')).toEqual(onePerSigner);
  expect(countOf('document_feed', 'signed')).toEqual(onePerSigner);
  expect(countOf('document_feed', 'sealed')).toEqual([{ signer_id: null, n: 1 }]);

  // Each party's signed copy, waited for, then once each: the outbox has sent everything and nothing came twice.
  const copies = () => w.sink.received.filter((m) => m.attachments.length > 0).map((m) => m.to).sort();
  await waitFor(() => copies().length >= 2, 'the signed copies', 30_000);
  await outboxSettled(w);
  expect(copies()).toEqual([ala.email, ben.email].sort());
  const rows = w.outbox();
  expect(rows.filter((r) => r.status !== 'sent' || r.unconfirmed !== 0)).toEqual([]);
  const keyed = rows.filter((r) => r.purpose !== 'otp').map((r) => `${r.purpose} ${r.recipient}`).sort();
  expect(keyed).toEqual([...new Set(keyed)]);
  expect(keyed.filter((k) => k.startsWith('signedCopy'))).toHaveLength(2);

  const response = await w.device.fetch(sealedFilePath(w.publishedId));
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(sealedSha256);
  const report = await verifyPdf(bytes, { company: [new X509Certificate(w.caPem)], imported: [] });
  expect(report.verdict).toBe('valid');

  w.server.process.child.kill('SIGTERM');
  expect(await w.server.process.exited).toBe(0);
}

const storedFiles = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)));

type FirstSignerKill = 'as its request arrives' | 'held before its commit' | 'right after its answer';

describe('the company server killed with SIGKILL mid-signature and started again', () => {
  it.each<FirstSignerKill>(['as its request arrives', 'held before its commit', 'right after its answer'])(
    "(a) killed during the first signer's POST sign, %s: the signer finishes after the restart, the last one signs, one seal",
    async (when) => {
      const w = await world();
      const cookie = await w.session(ala);
      await outboxSettled(w);
      const release = when === 'held before its commit' ? lockStore(w.storeFile) : undefined;
      const call = sendSign(w.server.url, cookie);
      await call.sent;
      if (when === 'held before its commit') await waitFor(() => w.server.process.lines.some((l) => l.msg === 'incoming request' && l.req?.url === portalSignPath), 'the sign request to come in');
      const answered = when === 'right after its answer' ? await call.answer : undefined;
      await killHard(w.server);
      release?.();

      const before = w.signerOf(ala);
      if (when === 'held before its commit') expect(before).toMatchObject({ status: 'waiting', signed_at: null });
      if (answered) {
        expect(answered).toMatchObject({ status: 200 });
        expect(before).toMatchObject({ status: 'signed', signed_at: portalSignedSchema.parse(JSON.parse((answered as { body: string }).body)).signedAt });
      }

      await w.restart();
      expect(await finishAfterRestart(w, cookie, before.signed_at)).toMatchObject({ status: 'signed', last: false });
      expect(await signNow(w, await w.session(ben))).toMatchObject({ status: 'signed', last: true });
      await waitFor(() => w.server.process.lines.some((l) => l.msg === 'document sealed'), 'the seal', 60_000);
      await expectSettledOnce(w);
    },
    120_000,
  );

  it.each(['the seal composing', 'the sealed file stored, its commit held'] as const)(
    '(b) killed after the last signature committed, %s: the sweep at the next start seals it once',
    async (when) => {
      const w = await world();
      const alaCookie = await w.session(ala);
      const alaSigned = await signNow(w, alaCookie);
      const benCookie = await w.session(ben);
      await outboxSettled(w);
      const filesDir = serverFilesDir(w.dataDir);
      const filesBefore = new Set(storedFiles(filesDir));
      const call = sendSign(w.server.url, benCookie);
      const answered = await call.answer;
      // The seal takes hundreds of milliseconds to compose; taken now, the lock keeps its commit from landing.
      const release = lockStore(w.storeFile);
      expect(answered).toMatchObject({ status: 200 });
      const benSignedAt = portalSignedSchema.parse(JSON.parse((answered as { body: string }).body)).signedAt;
      if (when === 'the sealed file stored, its commit held') {
        // Stored by its SHA-256 (whole, renamed into place): a new name of 64 hex digits is the sealed PDF, complete.
        await waitFor(() => storedFiles(filesDir).some((f) => !filesBefore.has(f)), 'the sealed file to be stored');
      }
      await killHard(w.server);
      release();
      expect(w.signerOf(ben)).toMatchObject({ status: 'signed', signed_at: benSignedAt });
      expect(w.sealedSha256()).toBeNull();

      await w.restart();
      await waitFor(() => w.server.process.lines.some((l) => l.msg === 'document sealed'), 'the sweep to seal', 60_000);
      // Both signers see their signatures as they were.
      expect(await finishAfterRestart(w, alaCookie, alaSigned.signedAt)).toMatchObject({ status: 'signed', last: true });
      expect(await finishAfterRestart(w, benCookie, benSignedAt)).toMatchObject({ status: 'signed', last: true });
      await expectSettledOnce(w);
    },
    120_000,
  );
});

import fs from 'node:fs';
import path from 'node:path';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { silentLog, type Log } from '../../src-main/app/log';
import { makePng } from '../../src-main/test-support/pdf-render';
import { makeTestPki, type TestPki } from '../../src-main/test-support/openssl-pki';
import type { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import type { ServerOutbox } from '../delivery/server-outbox';
import { recordEvent } from '../portal-api/evidence';
import { serverFilesOf } from '../publishing/server-files';
import { loadSealer, sealPasswordEnv, type Sealer } from '../seal/sealer';
import type { SealContext } from '../sealing/seal-context';
import { pairDevice, type PairedDevice } from './paired-device';
import { publishAs, uploadWhole } from './published-document';
import { startMailingServer } from './mailing-server';
import type { TestServer } from './test-server';

/*
 * A published document and the means to have it signed and sealed, for the seal's tests: the real server and its
 * store, its real outbox to an SMTP server on loopback (started only when a test wants the mail sent), a seal
 * certificate from a test CA made by openssl, and the test's clock. Signatures are written to the store as the
 * signing routes leave them (status, image, values, evidence), so these tests do not depend on those routes.
 */

export const sample = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'service-agreement-en.pdf')));
export const start = new Date('2026-05-04T08:00:00.000Z');
export const day = 24 * 60 * 60_000;

/** A stroke on a transparent pad, as the signature pad sends one; each signer's a little different. */
export const signaturePng = (shift: number) => makePng(300, 100, (x, y) => (Math.abs(y - (50 + 25 * Math.sin((x + shift * 40) / 20))) < 4 ? [10, 20, 90, 255] : [255, 255, 255, 0]));

export const anna = { id: '11', ref: 'company-1', side: 'company', name: 'Anna Żółkiewska', email: 'anna@zaklady.pl', channel: 'app', language: 'pl' } as const;
export const jan = { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' } as const;
export const emma = { id: '22', ref: 'counterparty-2', side: 'counterparty', name: 'Emma Brown', email: 'emma@example.com', phone: '+48601234567', channel: 'sms', language: 'en', country: 'GB' } as const;

export const noteText = 'Zażółć gęślą jaźń — uwagi Jana';
export const presetText = 'Zlecenie ZŁ/2026/77';

export function publishRequest(fileSha256: string, documentId = '5d0c3c8e-1f53-4a55-9b43-0f2b8e1c7a10'): PublishRequest {
  const rect = (x: number, y: number, width = 180, height = 50) => ({ x, y, width, height });
  return {
    documentId,
    title: 'Umowa o świadczenie usług',
    number: 'UM/2026/05/0012',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    preparerName: 'Anna Żółkiewska',
    fileSha256,
    layout: {
      fields: [
        { id: 'order', kind: 'text', page: 0, rect: rect(60, 700, 220, 22), signerId: 'company-1', required: false },
        { id: 'sigAnna', kind: 'signature', page: 2, rect: rect(60, 120), signerId: 'company-1', required: true },
        { id: 'note', kind: 'text', page: 2, rect: rect(60, 220, 260, 22), signerId: 'counterparty-1', required: true },
        { id: 'sigJan', kind: 'signature', page: 2, rect: rect(340, 120), signerId: 'counterparty-1', required: true },
        { id: 'sigEmma', kind: 'signature', page: 2, rect: rect(340, 40), signerId: 'counterparty-2', required: true },
      ],
    },
    signers: [anna, jan, emma],
    values: { order: presetText },
    order: 'parallel',
    expiresAt: new Date(start.getTime() + 14 * day).toISOString(),
  };
}

export interface SignedWorld {
  server: TestServer;
  device: PairedDevice;
  sink: SmtpSink;
  /** Stops the server and its outbox now (the SMTP sink stays), as a stopped or killed process leaves its data folder. */
  stop(): Promise<void>;
  /** The server's outbox, not started: messages stay queued until a test starts it. */
  outbox: ServerOutbox;
  clock: { now(): Date; advance(ms: number): void };
  pki: TestPki;
  sealer: Sealer;
  /** The seal's PKCS#12 file, its password `sealPassword` (for `serve --seal-p12`). */
  sealP12File: string;
  publishedId: string;
  fileSha256: string;
  /** The link tokens, from the outbox messages. */
  tokens: { jan: string; emma: string };
  /** What sealing works with, with this sealer (or none) and this log. */
  sealContext(options?: { sealer?: Sealer | undefined; log?: Log }): SealContext;
  /** Writes a signer's signature as the signing routes do, portal evidence (from `ip`) included for a link's signer. */
  sign(signer: typeof anna | typeof jan | typeof emma, options?: { ip?: string }): Promise<void>;
}

const tokenIn = (text: string) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '';

export const sealPassword = 'hasło serwera';

let pkiOnce: { pki: TestPki; p12File: string } | undefined;
/** One CA and seal per test file: openssl's keys take a moment. Its password is `sealPassword`. */
export function testSeal(): { pki: TestPki; p12File: string } {
  if (!pkiOnce) {
    const pki = makeTestPki('/CN=Zakłady Łódzkie — company CA/O=Zakłady Łódzkie Sp. z o.o.');
    const p12File = path.join(pki.dir, 'server-seal.p12');
    fs.writeFileSync(p12File, pki.p12({ subject: '/CN=Zakłady Łódzkie — server seal/O=Zakłady Łódzkie Sp. z o.o.', password: sealPassword }));
    pkiOnce = { pki, p12File };
  }
  return pkiOnce;
}

/** Resolves once every request the server logged as come in is logged as completed. */
async function responsesEnded(server: TestServer): Promise<void> {
  const count = (msg: string) => server.logLines.filter((line) => (JSON.parse(line) as { msg: string }).msg === msg).length;
  for (let i = 0; i < 200 && count('incoming request') > count('request completed'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

export async function signedWorld(cleanup: (() => Promise<void>)[], options: { onAllSigned?: (publishedId: string) => void; publish?: Partial<PublishRequest> } = {}): Promise<SignedWorld> {
  const { pki, p12File } = testSeal();
  const sealer = await loadSealer(p12File, { env: { [sealPasswordEnv]: sealPassword } });
  let at = start.getTime();
  const now = () => new Date(at);
  const { server, sink, outbox } = await startMailingServer(cleanup, { now, ...(options.onAllSigned ? { onAllSigned: options.onAllSigned } : {}) });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      // A download's last bytes can reach the test before its response is done on the server; closed then, the
      // connection turns idle only after the close and waits out Fastify's keep-alive (72 s). Every response ends first.
      await responsesEnded(server);
      await outbox.stop();
      await server.close();
    })());
  cleanup.push(stop);

  const device = await pairDevice(server);
  const fileSha256 = await uploadWhole(device, sample);
  const published = await publishAs(device, { ...publishRequest(fileSha256), ...options.publish });
  const db = server.store.db;
  // Empty while held ("company first": the links go once the company has signed).
  const linkText = async (to: string) => (await db.selectFrom('outbox').select('text').where('recipient', '=', to).where('purpose', '=', 'signingLink').executeTakeFirst())?.text ?? '';
  const files = serverFilesOf(server.store);

  const values: Record<string, Record<string, unknown>> = {
    [anna.id]: { sigAnna: 0 },
    [jan.id]: { note: noteText, sigJan: 1 },
    [emma.id]: { sigEmma: 2 },
  };

  return {
    server,
    device,
    sink,
    stop,
    outbox,
    clock: { now, advance: (ms) => void (at += ms) },
    pki,
    sealer,
    sealP12File: p12File,
    publishedId: published.publishedId,
    fileSha256,
    tokens: { jan: tokenIn(await linkText(jan.email)), emma: tokenIn(await linkText(emma.phone)) },
    sealContext: (o = {}) => ({ db, files, now, sealer: 'sealer' in o ? o.sealer : sealer, resourcesDir, outbox: async (trx, message) => void (await outbox.enqueue(message, trx)), log: o.log ?? silentLog }),
    async sign(signer, o = {}) {
      const row = await db.selectFrom('published_signers').selectAll().where('document_id', '=', published.publishedId).where('desktop_signer_id', '=', signer.id).executeTakeFirstOrThrow();
      const link = await db.selectFrom('signing_links').select('id').where('signer_id', '=', row.id).executeTakeFirst();
      const shift = Object.keys(values).indexOf(signer.id);
      const image = signaturePng(shift);
      const stored = await files.files.put(image);
      const signedAt = now();
      const client = { ip: o.ip ?? '192.0.2.10', userAgent: `Mozilla/5.0 (Signet test; ${signer.name})` };
      const event = link ? { linkId: link.id, documentId: published.publishedId, signerId: row.id } : undefined;
      await db.transaction().execute(async (trx) => {
        if (event) {
          await recordEvent(trx, event, 'viewed', client, new Date(signedAt.getTime() - 120_000));
          await recordEvent(trx, event, 'codePassed', client, new Date(signedAt.getTime() - 60_000), { channel: signer.channel === 'sms' ? 'sms' : 'email' });
        }
        const identity = signer.channel === 'sms' ? 'smsCode' : signer.channel === 'email' ? 'emailCode' : 'appLogin';
        await trx.updateTable('published_signers').set({ status: 'signed', signed_at: signedAt.toISOString(), method: 'drawn', identity_check: identity, signature_sha256: stored.sha256 }).where('id', '=', row.id).execute();
        for (const [fieldId, value] of Object.entries(values[signer.id]!)) {
          const json = typeof value === 'number' ? JSON.stringify(Buffer.from(signaturePng(value)).toString('base64')) : JSON.stringify(value);
          await trx.insertInto('published_values').values({ signer_id: row.id, field_id: fieldId, value: json }).execute();
        }
        if (event) await recordEvent(trx, event, 'signed', client, signedAt, { method: 'drawn' });
      });
    },
  };
}

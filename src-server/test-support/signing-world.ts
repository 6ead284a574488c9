import fs from 'node:fs';
import path from 'node:path';
import { apiErrorSchema, type ApiErrorBody } from '../../src-shared/company-server/api';
import type { PublishRequest, PublishResponse } from '../../src-shared/company-server/publish';
import { portalCodeCheckPath, portalCodePath, portalLinkPath, portalLinkSchema, type PortalLink } from '../../src-shared/portal/signing-link';
import { portalDeclinePath, portalSignPath, portalSigningPath, type PortalDeclineRequest } from '../../src-shared/portal/signing-session';
import { silentLog } from '../../src-main/app/log';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import { makePng } from '../../src-main/test-support/png';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import { loadServerDelivery } from '../config/server-config';
import { createServerOutbox, type ServerOutbox } from '../delivery/server-outbox';
import { pairDevice, type PairedDevice } from './paired-device';
import { publishAs, uploadWhole } from './published-document';
import { startTestServer, type TestServer } from './test-server';

/*
 * A company server to sign on, for the signing tests: the real app and store on a loopback port, the test's clock,
 * a paired device that published a real PDF, and the server's own outbox (not started: its rows stay to be counted)
 * behind both the links' and the codes' outbox, each message also kept here to read a link's token or a code from.
 */

export const samplePdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'service-agreement-en.pdf')));
export const signingStart = new Date('2026-05-04T08:00:00.000Z');
export const agent = 'Mozilla/5.0 (Linux; Android 14) Signet signing test';
/** A drawn signature as the pad makes one: a real PNG. */
export const drawnSignature = makePng(240, 80).toString('base64');

export interface SigningWorld {
  server: TestServer;
  device: PairedDevice;
  outbox: ServerOutbox;
  /** Every message handed to the outbox, in order (link messages and codes). */
  messages: NewMessage[];
  /** Each publishedId the all-signed hook was told, in order. */
  allSigned: string[];
  clock: { advance(ms: number): void; now(): Date };
  fileSha256: string;
  publish(request: PublishRequest): Promise<PublishResponse>;
  /** The token in the newest link message to this address. */
  tokenFor(address: string): string;
  /** A signing session for the link: the code asked for, read from its message, checked; the cookie to send. */
  sessionFor(token: string): Promise<string>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  open(token: string): Promise<PortalLink>;
  subject(cookie: string): Promise<Response>;
  sign(cookie: string, body: Record<string, unknown>): Promise<Response>;
  decline(cookie: string, body: PortalDeclineRequest | Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export const errorOf = async (response: Response): Promise<ApiErrorBody['error']> => apiErrorSchema.parse(await response.json()).error;

const tokenPattern = /\/s\/([A-Za-z0-9_-]{43})/;

export async function startSigningWorld(): Promise<SigningWorld> {
  let at = signingStart.getTime();
  const now = () => new Date(at);
  const messages: NewMessage[] = [];
  const allSigned: string[] = [];
  const late: { outbox?: ServerOutbox } = {};
  const toOutbox = async (trx: Parameters<ServerOutbox['enqueue']>[1], message: NewMessage) => {
    messages.push(message);
    await late.outbox!.enqueue(message, trx);
  };
  const server = await startTestServer({ now, linkOutbox: toOutbox, codeOutbox: toOutbox, onAllSigned: (id) => void allSigned.push(id) });
  const outbox = (late.outbox = createServerOutbox({ store: server.store, dataDir: server.dataDir, delivery: loadServerDelivery(server.dataDir, {}), log: silentLog, now }));
  const device = await pairDevice(server);
  const fileSha256 = await uploadWhole(device, samplePdf);
  const headers = (extra: Record<string, string>) => ({ 'user-agent': agent, ...extra });
  const get = (p: string, extra: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers: headers(extra) });
  const post = (p: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}${p}`, { method: 'POST', headers: headers({ 'content-type': 'application/json', ...extra }), body: JSON.stringify(body) });
  const newest = (address: string, purpose: string) => messages.filter((m) => m.to === address && m.purpose === purpose).at(-1);
  return {
    server,
    device,
    outbox,
    messages,
    allSigned,
    clock: { advance: (ms) => void (at += ms), now },
    fileSha256,
    publish: (request) => publishAs(device, request),
    tokenFor(address) {
      const message = newest(address, 'signingLink');
      if (!message) throw new Error(`no link message to ${address}`);
      return tokenPattern.exec(message.text)![1]!;
    },
    async sessionFor(token) {
      const link = portalLinkSchema.parse(await (await get(portalLinkPath(token))).json());
      if (link.state !== 'open') throw new Error(`link ${link.state}`);
      const asked = await post(portalCodePath(token), {});
      if (asked.status !== 200) throw new Error(`code: HTTP ${asked.status} ${await asked.text()}`);
      const sent = messages.filter((m) => m.purpose === 'otp').at(-1)!;
      const code = /\b(\d{6})\b/.exec(sent.text)![1]!;
      const checked = await post(portalCodeCheckPath(token), { code });
      if (checked.status !== 200) throw new Error(`check: HTTP ${checked.status} ${await checked.text()}`);
      return checked.headers.getSetCookie()[0]!.split(';')[0]!;
    },
    get,
    post,
    open: async (token) => portalLinkSchema.parse(await (await get(portalLinkPath(token))).json()),
    subject: (cookie) => get(portalSigningPath, { cookie }),
    sign: (cookie, body) => post(portalSignPath, body, { cookie }),
    decline: (cookie, body) => post(portalDeclinePath, body, { cookie }),
    async close() {
      await outbox.stop();
      await server.close();
    },
  };
}

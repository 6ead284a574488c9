import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { codeSentSchema, portalLinkSchema, portalRateLimits, type OpenPortalLink } from '../../src-shared/portal/signing-link';
import type { ReceivedMail, SmtpSink } from '../../src-main/test-support/smtp-sink';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import type { ServerOutbox } from '../delivery/server-outbox';
import { sha256Hex } from '../pairing/secrets';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { publishAs, uploadWhole } from '../test-support/published-document';
import { startMailingServer } from '../test-support/mailing-server';
import type { TestServer } from '../test-support/test-server';

/*
 * The portal's signing-link API over real HTTP: the real server on port 0 and its store, the real server outbox
 * delivering to an SMTP server on loopback, the clock the test's to move (the rate limiter keeps real time).
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'service-agreement-en.pdf')));
const start = new Date('2026-05-04T08:00:00.000Z');
const minute = 60_000;

interface Portal {
  server: TestServer;
  device: PairedDevice;
  sink: SmtpSink;
  outbox: ServerOutbox;
  clock: { advance(ms: number): void };
  /** The e-mailed signer's token, read from the link e-mail the sink received. */
  janToken: string;
  /** The SMS signer's token, from the outbox row still waiting for an SMS provider the server has none of. */
  emmaToken: string;
  fileSha256: string;
  documentId: string;
}

function publishRequest(fileSha256: string, expiresAt: Date): PublishRequest {
  return {
    documentId: '5d0c3c8e-1f53-4a55-9b43-0f2b8e1c7a10',
    title: 'Umowa o świadczenie usług',
    number: 'UM/2026/05/0012',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    preparerName: 'Anna Nowak',
    fileSha256,
    layout: { fields: [{ id: 'f1', kind: 'signature', page: 0, rect: { x: 50, y: 50, width: 180, height: 50 }, signerId: 'counterparty-1', required: true }] },
    signers: [
      { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' },
      { id: '22', ref: 'counterparty-2', side: 'counterparty', name: 'Emma Brown', phone: '+48601234567', channel: 'sms', language: 'en' },
    ],
    order: 'parallel',
    expiresAt: expiresAt.toISOString(),
  };
}

async function portal(): Promise<Portal> {
  let at = start.getTime();
  const now = () => new Date(at);
  const { server, sink, outbox } = await startMailingServer(cleanup, { now });
  cleanup.push(() => server.close());
  await outbox.start();
  cleanup.push(() => outbox.stop());

  const device = await pairDevice(server);
  const fileSha256 = await uploadWhole(device, pdf);
  const published = await publishAs(device, publishRequest(fileSha256, new Date(start.getTime() + 14 * 86_400_000)));
  await expect.poll(() => sink.received.length).toBe(1);
  const janToken = tokenIn(sink.received[0]!.text);
  const sms = await server.store.db.selectFrom('outbox').select('text').where('recipient', '=', '+48601234567').executeTakeFirstOrThrow();
  return { server, device, sink, outbox, clock: { advance: (ms) => void (at += ms) }, janToken, emmaToken: tokenIn(sms.text), fileSha256, documentId: published.publishedId };
}

const tokenIn = (text: string) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
const agent = 'Mozilla/5.0 (Linux; Android 14) Signet test';
const get = (p: Portal, path: string, headers: Record<string, string> = {}) => fetch(`${p.server.url}${path}`, { headers: { 'user-agent': agent, ...headers } });
const post = (p: Portal, path: string, body?: unknown) =>
  fetch(`${p.server.url}${path}`, { method: 'POST', headers: { 'user-agent': agent, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
const open = async (p: Portal, token: string) => portalLinkSchema.parse(await (await get(p, `/api/v1/portal/links/${token}`)).json());
const askCode = (p: Portal, token = p.janToken) => post(p, `/api/v1/portal/links/${token}/code`);
const check = (p: Portal, code: string, token = p.janToken) => post(p, `/api/v1/portal/links/${token}/code/check`, { code });
const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;
const events = (p: Portal) => p.server.store.db.selectFrom('portal_events').selectAll().orderBy('seq').execute();

/** The code from the e-mail that arrives after the first `seen` ones. */
async function codeMail(p: Portal, seen: number): Promise<{ mail: ReceivedMail; code: string }> {
  await expect.poll(() => p.sink.received.length).toBe(seen + 1);
  const mail = p.sink.received[seen]!;
  return { mail, code: /\b(\d{6})\b/.exec(mail.text)![1]! };
}

describe('GET /api/v1/portal/links/:token', () => {
  it('shows who asks and what, the pages, and where the code goes, masked; each opening is evidence with address and browser', async () => {
    const p = await portal();
    const jan = (await open(p, p.janToken)) as OpenPortalLink;
    expect(jan).toEqual({
      state: 'open',
      companyName: 'Zakłady Łódzkie Sp. z o.o.',
      preparerName: 'Anna Nowak',
      title: 'Umowa o świadczenie usług',
      number: 'UM/2026/05/0012',
      pageCount: 3,
      signerName: 'Jan Kowalski',
      channel: 'email',
      maskedAddress: 'j••@example.pl',
      language: 'pl',
      expiresAt: new Date(start.getTime() + 14 * 86_400_000).toISOString(),
      code: 'none',
    });
    expect(JSON.stringify(jan)).not.toContain('jan@example.pl');
    const emma = (await open(p, p.emmaToken)) as OpenPortalLink;
    expect(emma).toMatchObject({ signerName: 'Emma Brown', channel: 'sms', maskedAddress: '+48 ••• ••• 567', language: 'en' });
    expect(JSON.stringify(emma)).not.toContain('601234567');
    // The page count is read from the file once and kept.
    expect((await p.server.store.db.selectFrom('published_documents').select('page_count').executeTakeFirstOrThrow()).page_count).toBe(3);

    const rows = await events(p);
    expect(rows.map((e) => [e.type, e.ip, e.user_agent, e.at])).toEqual([
      ['viewed', '127.0.0.1', agent, start.toISOString()],
      ['viewed', '127.0.0.1', agent, start.toISOString()],
    ]);
  });

  it('answers a clear state for a link that cannot be used: unknown, malformed, revoked, cancelled, expired, completed', async () => {
    const p = await portal();
    expect(await open(p, randomBytes(32).toString('base64url'))).toEqual({ state: 'invalid' });
    expect(await open(p, 'not a token!')).toEqual({ state: 'invalid' });
    const unknown = await get(p, `/api/v1/portal/links/${randomBytes(32).toString('base64url')}`);
    expect(unknown.status).toBe(200);

    // A link revoked on its own (its document still open) is as unknown as one that never was.
    await p.server.store.db.updateTable('signing_links').set({ revoked_at: start.toISOString() }).where('token_hash', '=', sha256Hex(p.emmaToken)).execute();
    expect(await open(p, p.emmaToken)).toEqual({ state: 'invalid' });

    await p.server.store.db.updateTable('published_documents').set({ state: 'completed' }).execute();
    expect(await open(p, p.janToken)).toEqual({ state: 'completed' });
    await p.server.store.db.updateTable('published_documents').set({ state: 'open' }).execute();

    p.clock.advance(14 * 86_400_000);
    expect(await open(p, p.janToken)).toEqual({ state: 'expired' });
    const late = await askCode(p);
    expect(late.status).toBe(410);
    expect(await errorOf(late)).toMatchObject({ code: 'LINK_CLOSED', messageKey: 'portal.link.closed', values: { state: 'expired' } });
    p.clock.advance(-14 * 86_400_000);

    const cancelled = await p.device.fetch(`/api/v1/documents/${publishRequest(p.fileSha256, start).documentId}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await open(p, p.janToken)).toEqual({ state: 'cancelled' });
    expect(await open(p, p.emmaToken)).toEqual({ state: 'cancelled' });
    expect(await errorOf(await askCode(p))).toMatchObject({ code: 'LINK_CLOSED', values: { state: 'cancelled' } });
    // Nothing about closed links is evidence of a signer's step.
    expect(await events(p)).toEqual([]);
  });

  it('1,000 random tokens: every one answered invalid until the per-address limit refuses the rest with 429', async () => {
    const p = await portal();
    const statuses: number[] = [];
    const tokens = Array.from({ length: 1000 }, () => randomBytes(32).toString('base64url'));
    for (let i = 0; i < tokens.length; i += 25) {
      const batch = await Promise.all(
        tokens.slice(i, i + 25).map(async (token) => {
          const response = await get(p, `/api/v1/portal/links/${token}`);
          const body = (await response.json()) as unknown;
          if (response.status === 200) expect(body).toEqual({ state: 'invalid' });
          else expect(apiErrorSchema.parse(body).error.code).toBe('RATE_LIMITED');
          return response.status;
        }),
      );
      statuses.push(...batch);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(portalRateLimits.openPerIp.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - portalRateLimits.openPerIp.max);
    // The real link is refused too now, from this address: the limit is the address's, whatever it asks for.
    const real = await get(p, `/api/v1/portal/links/${p.janToken}`);
    expect(real.status).toBe(429);
    expect(Number(real.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits the openings of one link, counted by its hash', async () => {
    const p = await portal();
    const statuses: number[] = [];
    for (let i = 0; i <= portalRateLimits.openPerLink.max; i++) statuses.push((await get(p, `/api/v1/portal/links/${p.janToken}`)).status);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another link from the same address is still shown.
    expect((await get(p, `/api/v1/portal/links/${p.emmaToken}`)).status).toBe(200);
  });
});

describe('the identity code', () => {
  it('is e-mailed to the signer; passed, it opens a session cookie that serves the published PDF, and nothing before', async () => {
    const p = await portal();
    const noSession = await get(p, '/api/v1/portal/session/document');
    expect(noSession.status).toBe(401);
    expect((await errorOf(noSession)).code).toBe('SESSION_REQUIRED');

    const sent = await askCode(p);
    expect(sent.status).toBe(200);
    expect(codeSentSchema.parse(await sent.json())).toEqual({
      channel: 'email',
      maskedAddress: 'j••@example.pl',
      expiresAt: new Date(start.getTime() + 5 * minute).toISOString(),
      nextCodeAt: new Date(start.getTime() + minute).toISOString(),
    });
    const { mail, code } = await codeMail(p, 1);
    expect(mail.to).toBe('jan@example.pl');
    expect(mail.subject).toBe('Twój kod do podpisania „Umowa o świadczenie usług”');
    // Scrubbed once sent: the store keeps neither the code nor anything it could be read from.
    await expect.poll(async () => (await p.server.store.db.selectFrom('outbox').select(['status', 'text']).where('purpose', '=', 'otp').executeTakeFirstOrThrow()).status).toBe('sent');
    expect((await p.server.store.db.selectFrom('outbox').select('text').where('purpose', '=', 'otp').executeTakeFirstOrThrow()).text).not.toContain(code);
    expect(((await open(p, p.janToken)) as OpenPortalLink).code).toBe('sent');

    // A cookie from a made-up session is no session.
    expect((await get(p, '/api/v1/portal/session/document', { cookie: `signet_portal_session=${randomBytes(32).toString('base64url')}` })).status).toBe(401);

    const passed = await check(p, code);
    expect(passed.status).toBe(200);
    expect(await passed.json()).toEqual({ sessionExpiresAt: new Date(start.getTime() + 30 * minute).toISOString() });
    const [cookie] = passed.headers.getSetCookie();
    // HttpOnly and SameSite=Strict, for the portal API only; not Secure on this loopback http (a browser would drop it).
    expect(cookie).toMatch(/^signet_portal_session=[A-Za-z0-9_-]{43}; Path=\/api\/v1\/portal; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    const session = cookie!.split(';')[0]!;
    const token = session.split('=')[1]!;
    expect(await p.server.store.db.selectFrom('portal_sessions').select('token_hash').execute()).toEqual([{ token_hash: sha256Hex(token) }]);

    const document = await get(p, '/api/v1/portal/session/document', { cookie: session });
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect(document.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await document.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    // The code is spent: it does not open a second session.
    expect((await errorOf(await check(p, code))).messageKey).toBe('signing.otp.none');
    expect(((await open(p, p.janToken)) as OpenPortalLink).code).toBe('passed');

    // The session lasts half an hour, and no longer than its document is open.
    p.clock.advance(30 * minute);
    expect((await get(p, '/api/v1/portal/session/document', { cookie: session })).status).toBe(401);

    const steps = await events(p);
    expect(steps.map((e) => [e.type, JSON.parse(e.details) as unknown, e.ip, e.user_agent])).toEqual([
      ['codeSent', { channel: 'email' }, '127.0.0.1', agent],
      ['viewed', {}, '127.0.0.1', agent],
      ['codePassed', { channel: 'email' }, '127.0.0.1', agent],
      ['codeFailed', { reason: 'none' }, '127.0.0.1', agent],
      ['viewed', {}, '127.0.0.1', agent],
    ]);
  });

  it('with a cancelled document the session serves nothing more', async () => {
    const p = await portal();
    await askCode(p);
    const { code } = await codeMail(p, 1);
    const session = (await check(p, code)).headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await get(p, '/api/v1/portal/session/document', { cookie: session })).status).toBe(200);
    await p.device.fetch(`/api/v1/documents/${publishRequest(p.fileSha256, start).documentId}/cancel`, { method: 'POST' });
    expect((await get(p, '/api/v1/portal/session/document', { cookie: session })).status).toBe(401);
  });

  it('locks after five wrong codes: the right one, and a new one, are then refused; each failure and the lock are evidence', async () => {
    const p = await portal();
    await askCode(p);
    const { code } = await codeMail(p, 1);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const refused = await check(p, wrong);
      expect(refused.status).toBe(422);
      expect(await errorOf(refused)).toMatchObject({ code: 'CODE_REFUSED', messageKey: 'signing.otp.wrong', values: { attemptsLeft: left } });
    }
    const fifth = await check(p, wrong);
    expect(fifth.status).toBe(403);
    expect(await errorOf(fifth)).toMatchObject({ code: 'CODE_LOCKED', messageKey: 'portal.code.locked' });
    expect(await errorOf(await check(p, code))).toMatchObject({ code: 'CODE_LOCKED' });
    p.clock.advance(2 * minute);
    expect(await errorOf(await askCode(p))).toMatchObject({ code: 'CODE_LOCKED' });
    expect(((await open(p, p.janToken)) as OpenPortalLink).code).toBe('locked');
    expect(p.sink.received).toHaveLength(2);
    // Kept as the lock, for the preparer to lift later.
    expect(await p.server.store.db.selectFrom('otp_challenges').select(['state', 'attempts']).execute()).toEqual([{ state: 'locked', attempts: 5 }]);
    expect((await events(p)).map((e) => [e.type, JSON.parse(e.details) as unknown])).toEqual([
      ['codeSent', { channel: 'email' }],
      ['codeFailed', { reason: 'wrong', attemptsLeft: 4 }],
      ['codeFailed', { reason: 'wrong', attemptsLeft: 3 }],
      ['codeFailed', { reason: 'wrong', attemptsLeft: 2 }],
      ['codeFailed', { reason: 'wrong', attemptsLeft: 1 }],
      ['codeFailed', { reason: 'wrong', attemptsLeft: 0 }],
      ['locked', {}],
      ['viewed', {}],
    ]);
    expect((await get(p, '/api/v1/portal/session/document')).status).toBe(401);
  });

  it('expires after five minutes', async () => {
    const p = await portal();
    await askCode(p);
    const { code } = await codeMail(p, 1);
    p.clock.advance(5 * minute + 1000);
    const refused = await check(p, code);
    expect(refused.status).toBe(422);
    expect(await errorOf(refused)).toMatchObject({ code: 'CODE_REFUSED', messageKey: 'signing.otp.expired' });
    expect(((await open(p, p.janToken)) as OpenPortalLink).code).toBe('none');
    expect(refused.headers.getSetCookie()).toEqual([]);
  });

  it('is sent again at most once a minute and five times an hour; a new code replaces the last', async () => {
    const p = await portal();
    expect((await askCode(p)).status).toBe(200);
    const { code: first } = await codeMail(p, 1);
    p.clock.advance(30_000);
    const soon = await askCode(p);
    expect(soon.status).toBe(429);
    expect(soon.headers.get('retry-after')).toBe('30');
    expect(await errorOf(soon)).toMatchObject({ code: 'CODE_RESEND_LIMITED', messageKey: 'portal.code.tooSoon', values: { seconds: 30 } });
    for (let sent = 2; sent <= 5; sent++) {
      p.clock.advance(minute);
      expect((await askCode(p)).status).toBe(200);
    }
    await expect.poll(() => p.sink.received.length).toBe(6);
    p.clock.advance(minute);
    const tooMany = await askCode(p);
    expect(tooMany.status).toBe(429);
    // The first of the hour's five was sent 4.5 minutes before the last; the hour ends 60 - 5.5 minutes from now.
    expect(await errorOf(tooMany)).toMatchObject({ code: 'CODE_RESEND_LIMITED', messageKey: 'portal.code.tooMany', values: { max: 5, minutes: 55 } });
    expect((await errorOf(await check(p, first))).messageKey).toMatch(/^signing\.otp\.(wrong|expired)$/);
    const last = /\b(\d{6})\b/.exec(p.sink.received[5]!.text)![1]!;
    expect((await check(p, last)).status).toBe(200);
  });
});

describe('the request logs', () => {
  it('never hold a link token or a session: /s/<token> and /api/v1/portal/links/<token> are logged redacted', async () => {
    const p = await portal();
    await open(p, p.janToken);
    await askCode(p);
    const { code } = await codeMail(p, 1);
    const session = (await check(p, code)).headers.getSetCookie()[0]!.split(';')[0]!;
    await get(p, '/api/v1/portal/session/document', { cookie: session });
    await get(p, `/s/${p.emmaToken}`);
    await get(p, `/s/${p.janToken}?utm=mail`);
    const log = p.server.logLines.join('');
    for (const secret of [p.janToken, p.emmaToken, session.split('=')[1]!, code]) expect(log).not.toContain(secret);
    const urls = p.server.logLines.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url).filter(Boolean);
    expect(urls).toEqual(
      expect.arrayContaining(['/api/v1/portal/links/[token]', '/api/v1/portal/links/[token]/code', '/api/v1/portal/links/[token]/code/check', '/api/v1/portal/session/document', '/s/[token]', '/s/[token]?utm=mail']),
    );
  });
});

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopSignatureAnswerSchema, desktopSignaturePath } from '../../src-shared/company-server/events';
import { portalCodeCheckPath, portalCodePath, portalLinkPath, portalLinkSchema } from '../../src-shared/portal/signing-link';
import { portalSealedPath, portalSignedSchema, portalSignPath, sealedDownloadMs } from '../../src-shared/portal/signing-session';
import { readFeed } from '../feed/feed';
import { anna, emma, jan, noteText, signaturePng, signedWorld, type SignedWorld } from '../test-support/signed-world';
import { startSealQueue, type SealQueue } from './seal-queue';

/*
 * The whole way through the real routes: the company signer reported by the desktop, both counterparties signing on
 * the portal with their codes; the last signature's hook kicks the seal queue, the link then offers the sealed PDF.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const base64Png = (shift: number) => Buffer.from(signaturePng(shift)).toString('base64');

async function post(w: SignedWorld, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${w.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Signet seal test', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

/** The code from the outbox (not started here, so the message is still there to read), checked for a session cookie. */
async function sessionFor(w: SignedWorld, token: string, to: string): Promise<string> {
  expect((await post(w, portalCodePath(token), {})).status).toBe(200);
  const message = await w.server.store.db.selectFrom('outbox').select('text').where('recipient', '=', to).where('purpose', '=', 'otp').executeTakeFirstOrThrow();
  const checked = await post(w, portalCodeCheckPath(token), { code: /\b(\d{6})\b/.exec(message.text)![1]! });
  expect(checked.status).toBe(200);
  return checked.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('the last signature', () => {
  it('kicks the seal through onAllSigned: sealed, in the feed, and offered on every signer\'s link', async () => {
    const late: { queue?: SealQueue } = {};
    const told: string[] = [];
    const w = await signedWorld(cleanup, {
      onAllSigned: (id) => {
        told.push(id);
        late.queue!.kick(id);
      },
    });
    // The hook alone: no sweep to find it otherwise.
    const queue = (late.queue = startSealQueue(w.sealContext(), { sweep: false }));
    cleanup.push(() => queue.stop());

    const report = await w.device.fetch(desktopSignaturePath(w.publishedId, anna.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signedAt: w.clock.now().toISOString(), method: 'drawn', identityCheck: 'appLogin', image: base64Png(0), values: { sigAnna: base64Png(0) } }),
    });
    expect(report.status).toBe(200);
    expect(desktopSignatureAnswerSchema.parse(await report.json()).last).toBe(false);

    const janSigned = await post(w, portalSignPath, { method: 'drawn', image: base64Png(1), consent: true, values: { note: noteText } }, await sessionFor(w, w.tokens.jan, jan.email));
    expect(portalSignedSchema.parse(await janSigned.json()).last).toBe(false);
    expect(told).toEqual([]);
    const emmaSigned = await post(w, portalSignPath, { method: 'drawn', image: base64Png(2), consent: true, values: {} }, await sessionFor(w, w.tokens.emma, emma.phone));
    expect(portalSignedSchema.parse(await emmaSigned.json()).last).toBe(true);

    await expect.poll(() => told).toEqual([w.publishedId]);
    await queue.idle();
    const doc = await w.server.store.db.selectFrom('published_documents').selectAll().where('id', '=', w.publishedId).executeTakeFirstOrThrow();
    expect(doc.state).toBe('completed');
    const feed = await readFeed(w.server.store.db, w.device.deviceId, 0);
    expect(feed.filter((e) => e.type === 'signed').map((e) => e.signerId)).toEqual([anna.id, jan.id, emma.id]);
    expect(feed.at(-1)).toMatchObject({ type: 'sealed', details: { sha256: doc.sealed_sha256 } });
    const until = new Date(Date.parse(doc.sealed_at!) + sealedDownloadMs).toISOString();
    for (const token of [w.tokens.jan, w.tokens.emma]) {
      expect(portalLinkSchema.parse(await (await fetch(`${w.server.url}${portalLinkPath(token)}`)).json())).toEqual({ state: 'completed', sealed: { availableUntil: until } });
    }
    const download = await fetch(`${w.server.url}${portalSealedPath(w.tokens.jan)}`);
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(new Uint8Array(await download.arrayBuffer())).digest('hex')).toBe(doc.sealed_sha256);
  });
});

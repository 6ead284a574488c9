import { afterEach, describe, expect, it } from 'vitest';
import { unlockCodePath } from '../../src-shared/company-server/events';
import { portalCodeCheckPath, portalCodePath, type OpenPortalLink } from '../../src-shared/portal/signing-link';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { agent, drawnSignature, errorOf, signingStart, startSigningWorld, type SigningWorld } from '../test-support/signing-world';

/*
 * A portal signer locked out by five wrong codes, freed by the device that published the document, over real HTTP:
 * the portal's lock, the unlock and its evidence, a new code that passes and signs, and what another device gets.
 */
const worlds: SigningWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

const jan = { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' } as const;
const documentId = '0b6f9a52-6c1e-4d7e-9f3a-2b1c0d9e8f7a';

/** A server with Jan's link out (by e-mail, his signature field on the first page). */
async function published() {
  const w = await startSigningWorld();
  worlds.push(w);
  const { publishedId } = await w.publish({
    documentId,
    title: 'Umowa o zachowaniu poufności',
    number: 'UM/2026/03/0007',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256: w.fileSha256,
    layout: { fields: [{ id: 'jan-sig', kind: 'signature', page: 0, rect: { x: 60, y: 200, width: 200, height: 50 }, signerId: 'counterparty-1', required: true }] },
    signers: [jan],
    order: 'parallel',
    expiresAt: new Date(signingStart.getTime() + 14 * 86_400_000).toISOString(),
  });
  return { w, publishedId };
}

/** Jan asked for a code and typed a wrong one five times. */
async function lockedWorld() {
  const { w, publishedId } = await published();
  const token = w.tokenFor('jan@example.pl');
  expect((await w.post(portalCodePath(token), {})).status).toBe(200);
  const code = newestCode(w);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) await w.post(portalCodeCheckPath(token), { code: wrong });
  expect(((await w.open(token)) as OpenPortalLink).code).toBe('locked');
  return { w, publishedId, token };
}

const newestCode = (w: SigningWorld) => /\b(\d{6})\b/.exec(w.messages.filter((m) => m.purpose === 'otp').at(-1)!.text)![1]!;
const unlock = (device: PairedDevice, publishedId: string, signerId: string = jan.id) => device.fetch(unlockCodePath(publishedId, signerId), { method: 'POST', headers: { 'user-agent': 'Signet desktop test' } });
const evidence = (w: SigningWorld) => w.server.store.db.selectFrom('portal_events').select(['type', 'ip', 'user_agent', 'details']).orderBy('at').orderBy('seq').execute();

describe('POST /api/v1/documents/:id/signers/:signerId/unlock-code', () => {
  it('frees the lock: the evidence says so once, a new code can be asked for and passes, and the signer signs', async () => {
    const { w, publishedId, token } = await lockedWorld();
    w.clock.advance(60_000);
    const first = await unlock(w.device, publishedId);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    expect(((await w.open(token)) as OpenPortalLink).code).toBe('none');
    // A retry (the answer lost) finds nothing locked: the same answer, no second evidence row.
    expect((await unlock(w.device, publishedId)).status).toBe(200);
    const unlocked = (await evidence(w)).filter((e) => e.type === 'unlocked');
    expect(unlocked).toEqual([{ type: 'unlocked', ip: '127.0.0.1', user_agent: 'Signet desktop test', details: '{}' }]);
    // Not in the desktop's feed: it wrote its own history entry.
    expect(await w.server.store.db.selectFrom('document_feed').select('type').where('type', '=', 'locked').execute()).toHaveLength(1);

    w.clock.advance(60_000);
    const cookie = await w.sessionFor(token);
    expect((await w.open(token)) as OpenPortalLink).toMatchObject({ code: 'passed' });
    const signed = await w.sign(cookie, { method: 'drawn', image: drawnSignature, consent: true, values: { 'jan-sig': drawnSignature } });
    expect(signed.status).toBe(200);
  });

  it('answers a signer who was never locked the same, recording nothing', async () => {
    const { w, publishedId } = await published();
    expect((await unlock(w.device, publishedId)).status).toBe(200);
    expect((await evidence(w)).filter((e) => e.type === 'unlocked')).toEqual([]);
  });

  it('is not found for another device, an unknown signer or document, and needs a device token', async () => {
    const { w, publishedId, token } = await lockedWorld();
    const other = await pairDevice(w.server, 'Księgowość');
    const elsewhere = await unlock(other, publishedId);
    expect(elsewhere.status).toBe(404);
    expect(await errorOf(elsewhere)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await unlock(w.device, publishedId, '99')).status).toBe(404);
    expect((await unlock(w.device, '7c0e7f0e-3f5d-4b8a-9d55-0d7f2a9c1b11')).status).toBe(404);
    expect((await w.post(unlockCodePath(publishedId, jan.id), {}, { 'user-agent': agent })).status).toBe(401);
    // Still locked: none of those freed it.
    expect(((await w.open(token)) as OpenPortalLink).code).toBe('locked');
    expect((await evidence(w)).filter((e) => e.type === 'unlocked')).toEqual([]);
  });
});

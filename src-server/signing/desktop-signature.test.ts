import { afterEach, describe, expect, it } from 'vitest';
import { desktopSignatureAnswerSchema, desktopSignaturePath, type DesktopSignature } from '../../src-shared/company-server/events';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { portalSignedSchema } from '../../src-shared/portal/signing-session';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { drawnSignature, errorOf, signingStart, startSigningWorld, type SigningWorld } from '../test-support/signing-world';

/*
 * A signature made on the desktop, reported by the device that published the document, over real HTTP: what it
 * records, the held links it releases through the real server outbox, and what it refuses.
 */
const worlds: SigningWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

const rect = (y: number) => ({ x: 60, y, width: 200, height: 50 });
const anna = { id: '11', ref: 'company-1', side: 'company', name: 'Anna Nowak', channel: 'app', language: 'pl' } as const;
const piotr = { id: '12', ref: 'company-2', side: 'company', name: 'Piotr Zieliński', channel: 'app', language: 'pl' } as const;
const jan = { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' } as const;
const emma = { id: '22', ref: 'counterparty-2', side: 'counterparty', name: 'Emma Brown', phone: '+48601234567', channel: 'sms', language: 'en' } as const;

async function world(patch: Partial<PublishRequest> = {}) {
  const w = await startSigningWorld();
  worlds.push(w);
  const published = await w.publish({
    documentId: '0b6f9a52-6c1e-4d7e-9f3a-2b1c0d9e8f7a',
    title: 'Umowa o zachowaniu poufności',
    number: 'UM/2026/03/0007',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256: w.fileSha256,
    layout: {
      fields: [
        { id: 'anna-sig', kind: 'signature', page: 0, rect: rect(60), signerId: 'company-1', required: true },
        { id: 'jan-sig', kind: 'signature', page: 0, rect: rect(200), signerId: 'counterparty-1', required: true },
      ],
    },
    signers: [anna, jan, emma],
    order: 'companyFirst',
    expiresAt: new Date(signingStart.getTime() + 14 * 86_400_000).toISOString(),
    ...patch,
  });
  return { w, published };
}

const annaSigned: DesktopSignature = {
  signedAt: '2026-05-04T10:15:00+02:00',
  method: 'drawn',
  identityCheck: 'appLogin',
  image: drawnSignature,
  values: { 'anna-sig': drawnSignature, 'anna-date': '2026-05-04' },
};

const report = (device: PairedDevice, publishedId: string, signerId: string, body: unknown = annaSigned) =>
  device.fetch(desktopSignaturePath(publishedId, signerId), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const linkMessages = (w: SigningWorld) => w.messages.filter((m) => m.purpose === 'signingLink');
const outboxRows = (w: SigningWorld) => w.server.store.db.selectFrom('outbox').select(['recipient', 'channel', 'purpose']).where('purpose', '=', 'signingLink').orderBy('recipient').execute();

describe('POST /api/v1/documents/:id/signers/:signerId/signature', () => {
  it('records the company signature and releases every held link exactly once, even when reported twice', async () => {
    const { w, published } = await world();
    expect(published.links.map((l) => l.message)).toEqual(['held', 'held']);
    expect(linkMessages(w)).toEqual([]);

    w.clock.advance(60_000);
    const first = await report(w.device, published.publishedId, '11');
    expect(first.status).toBe(200);
    expect(desktopSignatureAnswerSchema.parse(await first.json())).toEqual({ released: 2, last: false });

    const signer = await w.server.store.db.selectFrom('published_signers').selectAll().where('desktop_signer_id', '=', '11').executeTakeFirstOrThrow();
    expect(signer).toMatchObject({ status: 'signed', signed_at: '2026-05-04T08:15:00.000Z', method: 'drawn', identity_check: 'appLogin' });
    expect(signer.signature_sha256).toMatch(/^[0-9a-f]{64}$/);
    const values = await w.server.store.db.selectFrom('published_values').select(['field_id', 'value']).where('signer_id', '=', signer.id).orderBy('field_id').execute();
    expect(values).toEqual([
      { field_id: 'anna-date', value: '"2026-05-04"' },
      { field_id: 'anna-sig', value: JSON.stringify(drawnSignature) },
    ]);
    const links = await w.server.store.db.selectFrom('signing_links').select(['message_state', 'token_hash', 'released_at', 'released_by']).execute();
    expect(links.every((l) => l.message_state === 'queued' && l.token_hash !== null && l.released_at === w.clock.now().toISOString() && l.released_by === signer.id)).toBe(true);
    expect(await outboxRows(w)).toEqual([
      { recipient: '+48601234567', channel: 'sms', purpose: 'signingLink' },
      { recipient: 'jan@example.pl', channel: 'email', purpose: 'signingLink' },
    ]);
    // The released link opens: its token came with its message, as a link sent with the publish does.
    expect(await w.open(w.tokenFor('jan@example.pl'))).toMatchObject({ state: 'open', signerName: 'Jan Kowalski' });
    const feed = await w.server.store.db.selectFrom('document_feed').select(['signer_id', 'type', 'at', 'details']).where('type', '=', 'signed').execute();
    expect(feed).toEqual([{ signer_id: signer.id, type: 'signed', at: '2026-05-04T08:15:00.000Z', details: JSON.stringify({ method: 'drawn', identity: 'appLogin' }) }]);

    // The answer was lost, the desktop reports again: the same answer, nothing released or written twice.
    w.clock.advance(60_000);
    const again = await report(w.device, published.publishedId, '11');
    expect(desktopSignatureAnswerSchema.parse(await again.json())).toEqual({ released: 2, last: false });
    expect(linkMessages(w)).toHaveLength(2);
    expect(await outboxRows(w)).toHaveLength(2);
    expect(await w.server.store.db.selectFrom('document_feed').select('seq').where('type', '=', 'signed').execute()).toHaveLength(1);
    expect(await w.server.store.db.selectFrom('published_values').select('field_id').execute()).toHaveLength(2);
  });

  it('with two company signers, releases the links only once both have signed', async () => {
    const { w, published } = await world({ signers: [anna, piotr, jan] });
    expect(desktopSignatureAnswerSchema.parse(await (await report(w.device, published.publishedId, '11')).json())).toEqual({ released: 0, last: false });
    expect(linkMessages(w)).toEqual([]);
    expect(desktopSignatureAnswerSchema.parse(await (await report(w.device, published.publishedId, '12')).json())).toEqual({ released: 1, last: false });
    expect(linkMessages(w).map((m) => m.to)).toEqual(['jan@example.pl']);
  });

  it('the last signature says so and tells the seal queue', async () => {
    const { w, published } = await world({ signers: [anna, jan] });
    await report(w.device, published.publishedId, '11');
    const cookie = await w.sessionFor(w.tokenFor('jan@example.pl'));
    const signed = portalSignedSchema.parse(await (await w.sign(cookie, { method: 'drawn', image: drawnSignature, consent: true })).json());
    expect(signed.last).toBe(true);
    expect(w.allSigned).toEqual([published.publishedId]);
  });

  it('is only for the publishing device, for a signer it has, with a PNG, while the document is open', async () => {
    const { w, published } = await world();
    const other = await pairDevice(w.server, 'Księgowość');
    const foreign = await report(other, published.publishedId, '11');
    expect(foreign.status).toBe(404);
    expect((await errorOf(foreign)).code).toBe('NOT_FOUND');
    expect((await report(w.device, published.publishedId, '99')).status).toBe(404);
    expect((await report(w.device, '7a0f4e7c-2f0e-4d0a-9d55-1b0e5a0c9e11', '11')).status).toBe(404);
    expect((await w.post(desktopSignaturePath(published.publishedId, '11'), annaSigned)).status).toBe(401);

    const notPng = await report(w.device, published.publishedId, '11', { ...annaSigned, image: Buffer.from('not an image').toString('base64') });
    expect(notPng.status).toBe(400);
    expect((await errorOf(notPng)).messageKey).toBe('validation.pngImage');
    expect((await w.server.store.db.selectFrom('published_signers').select('status').where('desktop_signer_id', '=', '11').executeTakeFirstOrThrow()).status).toBe('waiting');

    // After the deadline, or once the document is closed on the server, no signature is added.
    const late = await report(w.device, published.publishedId, '11', { ...annaSigned, signedAt: new Date(signingStart.getTime() + 15 * 86_400_000).toISOString() });
    expect(late.status).toBe(410);
    expect(await errorOf(late)).toMatchObject({ code: 'DOCUMENT_CLOSED', values: { state: 'expired' } });
    await w.device.fetch(`/api/v1/documents/0b6f9a52-6c1e-4d7e-9f3a-2b1c0d9e8f7a/cancel`, { method: 'POST' });
    const closed = await report(w.device, published.publishedId, '11');
    expect(closed.status).toBe(410);
    expect(await errorOf(closed)).toMatchObject({ code: 'DOCUMENT_CLOSED', messageKey: 'companyServer.api.documentClosed', values: { state: 'cancelled' } });
    expect(linkMessages(w)).toEqual([]);
  });
});

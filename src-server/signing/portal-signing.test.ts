import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopSignaturePath } from '../../src-shared/company-server/events';
import type { PublishRequest } from '../../src-shared/company-server/publish';
import { portalDocumentPath, portalRateLimits } from '../../src-shared/portal/signing-link';
import { portalDeclinedSchema, portalSignedSchema, signingSubjectSchema } from '../../src-shared/portal/signing-session';
import { sha256Hex } from '../pairing/secrets';
import { serverFilesOf } from '../publishing/server-files';
import { agent, drawnSignature, errorOf, signingStart, startSigningWorld, type SigningWorld } from '../test-support/signing-world';

/*
 * Signing and declining on the portal over real HTTP: the real server, store and file store, sessions opened by real
 * codes, the evidence and the desktops' feed read back from the store.
 */
const worlds: SigningWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

const minute = 60_000;
const rect = (y: number, height = 20) => ({ x: 60, y, width: 200, height });
const jan = { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' } as const;
const emma = { id: '22', ref: 'counterparty-2', side: 'counterparty', name: 'Emma Brown', email: 'emma@example.com', channel: 'email', language: 'en', country: 'GB' } as const;

function request(patch: Partial<PublishRequest> = {}): Omit<PublishRequest, 'fileSha256'> {
  return {
    documentId: '5d0c3c8e-1f53-4a55-9b43-0f2b8e1c7a10',
    title: 'Umowa o świadczenie usług',
    number: 'UM/2026/05/0012',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    preparerName: 'Anna Nowak',
    layout: {
      fields: [
        { id: 'jan-sig', kind: 'signature', page: 0, rect: rect(60, 50), signerId: 'counterparty-1', required: true },
        { id: 'jan-firm', kind: 'companyName', page: 0, rect: rect(120), signerId: 'counterparty-1', required: true },
        { id: 'jan-city', kind: 'text', page: 0, rect: rect(150), signerId: 'counterparty-1', required: true, label: 'Miejscowość' },
        { id: 'jan-date', kind: 'dateSigned', page: 0, rect: rect(180), signerId: 'counterparty-1', required: true },
        { id: 'emma-sig', kind: 'signature', page: 1, rect: rect(60, 50), signerId: 'counterparty-2', required: true },
      ],
    },
    values: { 'jan-firm': 'Agro-Lub Dostawy S.A.' },
    signers: [jan, emma],
    order: 'parallel',
    expiresAt: new Date(signingStart.getTime() + 14 * 86_400_000).toISOString(),
    ...patch,
  };
}

async function world(patch: Partial<PublishRequest> = {}) {
  const w = await startSigningWorld();
  worlds.push(w);
  const published = await w.publish({ ...request(patch), fileSha256: w.fileSha256 } as PublishRequest);
  return { w, published, janToken: () => w.tokenFor(jan.email), emmaToken: () => w.tokenFor(emma.email) };
}

const portalEvents = (w: SigningWorld) => w.server.store.db.selectFrom('portal_events').selectAll().orderBy('seq').execute();
const feed = (w: SigningWorld) => w.server.store.db.selectFrom('document_feed').selectAll().orderBy('seq').execute();
const signerRow = (w: SigningWorld, desktopId: string) => w.server.store.db.selectFrom('published_signers').selectAll().where('desktop_signer_id', '=', desktopId).executeTakeFirstOrThrow();
const valuesOf = async (w: SigningWorld, desktopId: string) => {
  const signer = await signerRow(w, desktopId);
  const rows = await w.server.store.db.selectFrom('published_values').selectAll().where('signer_id', '=', signer.id).orderBy('field_id').execute();
  return Object.fromEntries(rows.map((r) => [r.field_id, JSON.parse(r.value) as unknown]));
};
const janSigns = { method: 'drawn', image: drawnSignature, consent: true, values: { 'jan-city': 'Łódź' } } as const;

describe('the signing subject', () => {
  it("shows this signer's own fields only, the preparer's values for them, and the pages measured from the file", async () => {
    const { w, janToken, emmaToken } = await world();
    const cookie = await w.sessionFor(janToken());
    const response = await w.subject(cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const subject = signingSubjectSchema.parse(await response.json());
    expect(subject).toMatchObject({
      title: 'Umowa o świadczenie usług',
      number: 'UM/2026/05/0012',
      companyName: 'Zakłady Łódzkie Sp. z o.o.',
      preparerName: 'Anna Nowak',
      signer: { name: 'Jan Kowalski', ref: 'counterparty-1', country: null },
      values: { 'jan-firm': 'Agro-Lub Dostawy S.A.' },
      status: 'waiting',
    });
    expect(subject.layout.fields.map((f) => f.id)).toEqual(['jan-sig', 'jan-firm', 'jan-city', 'jan-date']);
    // The publish sent no sizes: measured from the file once (three Letter pages), then kept.
    expect(subject.pageSizes).toHaveLength(3);
    expect(subject.pageSizes[0]).toEqual({ width: 612, height: 792 });
    const kept = await w.server.store.db.selectFrom('published_documents').select('page_sizes').executeTakeFirstOrThrow();
    expect(JSON.parse(kept.page_sizes!)).toEqual(subject.pageSizes);

    // Emma's session is Emma's: her fields, her country; a session names its own link, whoever holds it.
    const other = signingSubjectSchema.parse(await (await w.subject(await w.sessionFor(emmaToken()))).json());
    expect(other.signer).toEqual({ name: 'Emma Brown', ref: 'counterparty-2', country: 'GB' });
    expect(other.layout.fields.map((f) => f.id)).toEqual(['emma-sig']);
    expect(other.values).toEqual({});
  });

  it('needs a session: none, a made-up one and a lapsed one are refused alike', async () => {
    const { w, janToken } = await world();
    for (const response of [await w.get('/api/v1/portal/session/signing'), await w.subject(`signet_portal_session=${randomBytes(32).toString('base64url')}`)]) {
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toMatchObject({ code: 'SESSION_REQUIRED', messageKey: 'portal.session.required' });
    }
    const cookie = await w.sessionFor(janToken());
    w.clock.advance(30 * minute);
    expect((await errorOf(await w.subject(cookie))).code).toBe('SESSION_REQUIRED');
    expect((await errorOf(await w.sign(cookie, janSigns))).code).toBe('SESSION_REQUIRED');
    expect((await errorOf(await w.decline(cookie, { reason: 'Nie' }))).code).toBe('SESSION_REQUIRED');
  });
});

describe('POST /api/v1/portal/session/sign', () => {
  it('is limited per address: past the limit, 429 before the session is even looked at', async () => {
    const { w } = await world();
    const statuses: number[] = [];
    for (let i = 0; i < portalRateLimits.signPerIp.max; i++) statuses.push((await w.sign('signet_portal_session=none', janSigns)).status);
    expect(statuses).toEqual(Array(portalRateLimits.signPerIp.max).fill(401));
    const limited = await w.sign('signet_portal_session=none', janSigns);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("signs: the signer's status and values, the image in the file store, the evidence with address and browser, the feed row", async () => {
    const { w, published, janToken, emmaToken } = await world();
    const token = janToken();
    const cookie = await w.sessionFor(token);
    w.clock.advance(2 * minute);
    const response = await w.sign(cookie, janSigns);
    expect(response.status).toBe(200);
    const signedAt = new Date(signingStart.getTime() + 2 * minute).toISOString();
    expect(portalSignedSchema.parse(await response.json())).toEqual({ status: 'signed', signedAt, last: false });

    const signer = await signerRow(w, '21');
    const png = Buffer.from(drawnSignature, 'base64');
    expect(signer).toMatchObject({ status: 'signed', signed_at: signedAt, method: 'drawn', identity_check: 'emailCode', signature_sha256: createHash('sha256').update(png).digest('hex') });
    expect(Buffer.from(await serverFilesOf(w.server.store).files.read(signer.signature_sha256!)).equals(png)).toBe(true);
    // The preparer's value, the signer's own, the image in the signature field, the date stamped by the server (UTC).
    expect(await valuesOf(w, '21')).toEqual({ 'jan-city': 'Łódź', 'jan-date': '2026-05-04', 'jan-firm': 'Agro-Lub Dostawy S.A.', 'jan-sig': drawnSignature });

    const signedEvents = (await portalEvents(w)).filter((e) => e.type === 'signed');
    expect(signedEvents.map((e) => [e.signer_id, e.ip, e.user_agent, e.at, JSON.parse(e.details) as unknown])).toEqual([[signer.id, '127.0.0.1', agent, signedAt, { method: 'drawn', identity: 'emailCode' }]]);
    const signedFeed = (await feed(w)).filter((f) => f.type === 'signed');
    expect(signedFeed.map((f) => [f.document_id, f.signer_id, f.at, JSON.parse(f.details) as unknown])).toEqual([
      [published.publishedId, signer.id, signedAt, { method: 'drawn', identity: 'emailCode', ip: '127.0.0.1', userAgent: agent }],
    ]);

    // Done from this link: the subject says so, the link's page says completed, and the seal is not due yet.
    expect(signingSubjectSchema.parse(await (await w.subject(cookie)).json()).status).toBe('signed');
    expect(await w.open(token)).toMatchObject({ state: 'completed' });
    expect(w.allSigned).toEqual([]);

    // The last signer: `last`, and the seal queue is told.
    const last = await w.sign(await w.sessionFor(emmaToken()), { method: 'uploaded', image: drawnSignature, consent: true });
    expect(portalSignedSchema.parse(await last.json())).toMatchObject({ status: 'signed', last: true });
    expect(w.allSigned).toEqual([published.publishedId]);
  });

  it('refuses without consent, with an image that is not a PNG, and with a required field empty or a field not theirs; nothing is recorded', async () => {
    const { w, janToken } = await world();
    const cookie = await w.sessionFor(janToken());
    const noConsent = await w.sign(cookie, { ...janSigns, consent: false });
    expect(noConsent.status).toBe(400);
    expect(await errorOf(noConsent)).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'signing.consentRequired', issues: [{ path: 'consent', messageKey: 'signing.consentRequired' }] });
    const { consent: _left, ...withoutConsent } = janSigns;
    expect((await errorOf(await w.sign(cookie, withoutConsent))).messageKey).toBe('signing.consentRequired');

    const notPng = await w.sign(cookie, { ...janSigns, image: Buffer.from('GIF89a not a png at all').toString('base64') });
    expect(notPng.status).toBe(400);
    expect(await errorOf(notPng)).toMatchObject({ messageKey: 'validation.pngImage', issues: [{ path: 'image', messageKey: 'validation.pngImage' }] });

    const empty = await w.sign(cookie, { ...janSigns, values: {} });
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'errors.validation', issues: [{ path: 'values.jan-city', messageKey: 'validation.required' }] });
    const notTheirs = await w.sign(cookie, { ...janSigns, values: { 'jan-city': 'Łódź', 'emma-sig': drawnSignature, 'jan-date': '2020-01-01' } });
    expect((await errorOf(notTheirs)).issues).toEqual([
      { path: 'values.emma-sig', messageKey: 'validation.unknownField' },
      { path: 'values.jan-date', messageKey: 'validation.unknownField' },
    ]);

    expect(await signerRow(w, '21')).toMatchObject({ status: 'waiting', signed_at: null, signature_sha256: null });
    expect(await valuesOf(w, '21')).toEqual({});
    expect((await portalEvents(w)).map((e) => e.type)).not.toContain('signed');
    expect((await feed(w)).map((f) => f.type)).not.toContain('signed');
  });

  it('refuses a signer whose turn has not come: in "company first", before the company has signed', async () => {
    const company = { id: '11', ref: 'company-1', side: 'company', name: 'Anna Nowak', channel: 'app', language: 'pl' } as const;
    const { w } = await world({ order: 'companyFirst', signers: [company, jan] });
    // The server never sends a held link; one made usable in the store stands for any way it could be, and the turn
    // is still checked when the signature comes.
    const token = randomBytes(32).toString('base64url');
    await w.server.store.db.updateTable('signing_links').set({ token_hash: sha256Hex(token), message_state: 'queued' }).execute();
    const cookie = await w.sessionFor(token);
    const early = await w.sign(cookie, janSigns);
    expect(early.status).toBe(409);
    expect(await errorOf(early)).toMatchObject({ code: 'NOT_YOUR_TURN', messageKey: 'signing.notYourTurn' });
    expect((await signerRow(w, '21')).status).toBe('waiting');

    // Once the company has signed (reported by its desktop), it is.
    const report = await w.device.fetch(desktopSignaturePath((await signerRow(w, '11')).document_id, '11'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signedAt: w.clock.now().toISOString(), method: 'drawn', identityCheck: 'appLogin', image: drawnSignature }),
    });
    expect(report.status).toBe(200);
    expect((await w.sign(cookie, janSigns)).status).toBe(200);
  });

  it('refuses once the document is past its date, or withdrawn, with the state for the page', async () => {
    const soon = new Date(signingStart.getTime() + 20 * minute).toISOString();
    const { w, janToken, emmaToken } = await world({ expiresAt: soon });
    const janCookie = await w.sessionFor(janToken());
    const emmaCookie = await w.sessionFor(emmaToken());
    w.clock.advance(20 * minute);
    const late = await w.sign(janCookie, janSigns);
    expect(late.status).toBe(410);
    expect(await errorOf(late)).toMatchObject({ code: 'LINK_CLOSED', messageKey: 'signing.expired', values: { state: 'expired' } });
    expect((await errorOf(await w.subject(janCookie))).values).toEqual({ state: 'expired' });
    w.clock.advance(-20 * minute);

    const cancelled = await w.device.fetch(`/api/v1/documents/${request().documentId}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const withdrawn = await w.sign(emmaCookie, { method: 'drawn', image: drawnSignature, consent: true });
    expect(withdrawn.status).toBe(410);
    expect(await errorOf(withdrawn)).toMatchObject({ code: 'LINK_CLOSED', messageKey: 'portal.link.closed', values: { state: 'cancelled' } });
    expect((await signerRow(w, '22')).status).toBe('waiting');
  });

  it('signs once when submitted twice (a second tab, a retry after a lost answer): both get the first signature', async () => {
    const { w, janToken } = await world();
    const cookie = await w.sessionFor(janToken());
    const [first, second] = await Promise.all([w.sign(cookie, janSigns), w.sign(cookie, { ...janSigns, method: 'typed', values: { 'jan-city': 'Kraków' } })]);
    const answers = [portalSignedSchema.parse(await first!.json()), portalSignedSchema.parse(await second!.json())];
    expect(answers[0]).toEqual(answers[1]);
    w.clock.advance(minute);
    expect(portalSignedSchema.parse(await (await w.sign(cookie, janSigns)).json())).toEqual(answers[0]);

    const signer = await signerRow(w, '21');
    expect(signer.signed_at).toBe(answers[0]!.signedAt);
    expect(Object.keys(await valuesOf(w, '21'))).toHaveLength(4);
    expect((await portalEvents(w)).filter((e) => e.type === 'signed')).toHaveLength(1);
    expect((await feed(w)).filter((f) => f.type === 'signed')).toHaveLength(1);
  });
});

describe('POST /api/v1/portal/session/decline', () => {
  it('needs a reason', async () => {
    const { w, janToken } = await world();
    const cookie = await w.sessionFor(janToken());
    for (const body of [{ reason: '   ' }, { reason: '' }]) {
      const refused = await w.decline(cookie, body);
      expect(refused.status).toBe(400);
      expect(await errorOf(refused)).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'signing.reasonRequired' });
    }
    expect((await signerRow(w, '21')).status).toBe('waiting');
  });

  it("declines the document for everyone: the other links revoked, the link pages say declined, the evidence and feed keep the reason, and nobody is e-mailed from here", async () => {
    const { w, published, janToken, emmaToken } = await world();
    const jan = janToken();
    const emma = emmaToken();
    const emmaCookie = await w.sessionFor(emma);
    const cookie = await w.sessionFor(jan);
    const messagesBefore = w.messages.length;
    w.clock.advance(minute);
    const response = await w.decline(cookie, { reason: '  Kwota się nie zgadza.  ' });
    expect(response.status).toBe(200);
    const declinedAt = new Date(signingStart.getTime() + minute).toISOString();
    expect(portalDeclinedSchema.parse(await response.json())).toEqual({ status: 'declined', declinedAt });

    expect(await signerRow(w, '21')).toMatchObject({ status: 'declined', declined_at: declinedAt, declined_reason: 'Kwota się nie zgadza.' });
    expect((await w.server.store.db.selectFrom('published_documents').select('state').executeTakeFirstOrThrow()).state).toBe('declined');
    const links = await w.server.store.db.selectFrom('signing_links').select(['token_hash', 'revoked_at']).execute();
    expect(links.find((l) => l.token_hash === sha256Hex(jan))!.revoked_at).toBeNull();
    expect(links.find((l) => l.token_hash === sha256Hex(emma))!.revoked_at).toBe(declinedAt);
    expect(await w.open(jan)).toEqual({ state: 'declined' });
    expect(await w.open(emma)).toEqual({ state: 'declined' });

    const declinedEvent = (await portalEvents(w)).filter((e) => e.type === 'declined');
    expect(declinedEvent.map((e) => [e.ip, e.user_agent, JSON.parse(e.details) as unknown])).toEqual([['127.0.0.1', agent, { reason: 'Kwota się nie zgadza.' }]]);
    const declinedFeed = (await feed(w)).filter((f) => f.type === 'declined');
    expect(declinedFeed.map((f) => [f.document_id, f.at, JSON.parse(f.details) as unknown])).toEqual([[published.publishedId, declinedAt, { reason: 'Kwota się nie zgadza.', ip: '127.0.0.1', userAgent: agent }]]);
    // The desktop hears of it from the feed and sends its own declined notices; the server writes no message.
    expect(w.messages.slice(messagesBefore)).toEqual([]);

    // Emma's session serves nothing more; Jan's tells him what he did, and declining again answers the same.
    expect(await errorOf(await w.sign(emmaCookie, { method: 'drawn', image: drawnSignature, consent: true }))).toMatchObject({ code: 'LINK_CLOSED', values: { state: 'declined' } });
    expect((await w.get(portalDocumentPath, { cookie: emmaCookie })).status).toBe(401);
    expect(signingSubjectSchema.parse(await (await w.subject(cookie)).json()).status).toBe('declined');
    expect(portalDeclinedSchema.parse(await (await w.decline(cookie, { reason: 'Jeszcze raz' })).json())).toEqual({ status: 'declined', declinedAt });
    expect(await errorOf(await w.sign(cookie, janSigns))).toMatchObject({ code: 'LINK_CLOSED', values: { state: 'declined' } });
    expect((await feed(w)).filter((f) => f.type === 'declined')).toHaveLength(1);
  });

  it('is refused after the signer has signed', async () => {
    const { w, janToken } = await world();
    const cookie = await w.sessionFor(janToken());
    expect((await w.sign(cookie, janSigns)).status).toBe(200);
    const refused = await w.decline(cookie, { reason: 'Rozmyśliłem się' });
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({ code: 'ALREADY_SIGNED', messageKey: 'signing.alreadySigned' });
    expect((await w.server.store.db.selectFrom('published_documents').select('state').executeTakeFirstOrThrow()).state).toBe('open');
  });
});

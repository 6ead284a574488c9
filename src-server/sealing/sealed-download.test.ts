import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { sealedFilePath } from '../../src-shared/company-server/events';
import { portalLinkPath, portalLinkSchema } from '../../src-shared/portal/signing-link';
import { portalSealedPath, sealedDownloadMs } from '../../src-shared/portal/signing-session';
import { pairDevice } from '../test-support/paired-device';
import { publishAs } from '../test-support/published-document';
import { anna, emma, jan, publishRequest, signedWorld, type SignedWorld } from '../test-support/signed-world';
import { sealPublished } from './seal-published';
import { removeSealedFiles, sealedKeptUnfetchedMs } from './sealed-removal';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;
/** The status, the body read to its end: a download left unread holds its connection, and the server's close with it. */
const statusOf = async (response: Promise<Response>) => {
  const r = await response;
  await r.arrayBuffer();
  return r.status;
};
const get = (w: SignedWorld, path: string) => fetch(`${w.server.url}${path}`);
const linkView = async (w: SignedWorld, token: string) => portalLinkSchema.parse(await (await get(w, portalLinkPath(token))).json());
const documentRow = (w: SignedWorld) => w.server.store.db.selectFrom('published_documents').selectAll().where('id', '=', w.publishedId).executeTakeFirstOrThrow();

async function sealed(w: SignedWorld): Promise<{ sha256: string; size: number; sealedAt: Date }> {
  await w.sign(anna);
  await w.sign(jan);
  await w.sign(emma);
  const outcome = await sealPublished(w.sealContext(), w.publishedId);
  if (outcome.state !== 'sealed') throw new Error(`not sealed: ${outcome.state}`);
  return { sha256: outcome.sha256, size: outcome.size, sealedAt: w.clock.now() };
}

/** The signed copies sent: the removal keeps a file an unsent message still attaches. */
const copiesSent = (w: SignedWorld) => w.server.store.db.updateTable('outbox').set({ status: 'sent' }).where('purpose', '=', 'signedCopy').execute();

describe("the sealed PDF on a signer's link", () => {
  it('is offered to each signer for 14 days after the seal, then the link says completed and the download is gone', async () => {
    const w = await signedWorld(cleanup);
    const seal = await sealed(w);
    const until = new Date(seal.sealedAt.getTime() + sealedDownloadMs).toISOString();
    expect(await linkView(w, w.tokens.jan)).toEqual({ state: 'completed', sealed: { availableUntil: until } });

    const response = await get(w, portalSealedPath(w.tokens.emma));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="UM-2026-05-0012-signed.pdf"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(sha256(bytes)).toBe(seal.sha256);
    expect(response.headers.get('x-signet-sha256')).toBe(seal.sha256);

    w.clock.advance(sealedDownloadMs - 1);
    expect(await statusOf(get(w, portalSealedPath(w.tokens.jan)))).toBe(200);
    w.clock.advance(1);
    expect(await linkView(w, w.tokens.jan)).toEqual({ state: 'completed' });
    const gone = await get(w, portalSealedPath(w.tokens.jan));
    expect(gone.status).toBe(410);
    expect(await errorOf(gone)).toMatchObject({ code: 'SEALED_GONE', messageKey: 'portal.sealed.gone', values: { days: 14, until } });
  });

  it('is refused before the seal, to a signer who has not signed, and for a token that is not a link', async () => {
    const w = await signedWorld(cleanup);
    await w.sign(anna);
    await w.sign(jan);
    // Jan signed, Emma not: nothing is sealed yet, and Emma's own link has nothing of hers to offer.
    for (const token of [w.tokens.jan, w.tokens.emma]) {
      const response = await get(w, portalSealedPath(token));
      expect(response.status).toBe(409);
      expect(await errorOf(response)).toMatchObject({ code: 'SEALED_NOT_READY', messageKey: 'portal.sealed.notReady' });
    }
    expect(await linkView(w, w.tokens.jan)).toEqual({ state: 'completed' });
    expect((await linkView(w, w.tokens.emma)).state).toBe('open');
    const invalid = await get(w, portalSealedPath('A'.repeat(43)));
    expect(invalid.status).toBe(410);
    expect(await errorOf(invalid)).toMatchObject({ code: 'LINK_CLOSED', values: { state: 'invalid' } });

    // A signer's own link only: the status is the signer's, whatever the document's.
    await w.sign(emma);
    await sealPublished(w.sealContext(), w.publishedId);
    const emmaRow = await w.server.store.db.selectFrom('published_signers').select('id').where('desktop_signer_id', '=', emma.id).executeTakeFirstOrThrow();
    await w.server.store.db.updateTable('published_signers').set({ status: 'waiting' }).where('id', '=', emmaRow.id).execute();
    expect(await statusOf(get(w, portalSealedPath(w.tokens.emma)))).toBe(409);
    expect(await statusOf(get(w, portalSealedPath(w.tokens.jan)))).toBe(200);
  });
});

describe("the sealed PDF for the publishing desktop", () => {
  it('is served to that device only, with its length and SHA-256, and its whole fetch is recorded', async () => {
    const w = await signedWorld(cleanup);
    expect(await statusOf(w.device.fetch(sealedFilePath(w.publishedId)))).toBe(409);
    const seal = await sealed(w);

    const response = await w.device.fetch(sealedFilePath(w.publishedId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(seal.size));
    expect(response.headers.get('x-signet-sha256')).toBe(seal.sha256);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(seal.sha256);
    await expect.poll(async () => (await documentRow(w)).sealed_fetched_at).toBe(w.clock.now().toISOString());

    const other = await pairDevice(w.server, 'Księgowość');
    const refused = await other.fetch(sealedFilePath(w.publishedId));
    expect(refused.status).toBe(404);
    expect((await errorOf(refused)).code).toBe('NOT_FOUND');
    expect(await statusOf(get(w, sealedFilePath(w.publishedId)))).toBe(401);
    expect(await statusOf(w.device.fetch(sealedFilePath('not-a-uuid')))).toBe(400);
  });
});

describe('removing sealed files from the portal', () => {
  it('14 days after the seal, once the desktop has its copy: the sealed file and the original go, and both downloads say gone', async () => {
    const w = await signedWorld(cleanup);
    const seal = await sealed(w);
    const files = w.sealContext().files.files;
    await copiesSent(w);
    w.clock.advance(sealedDownloadMs);
    // Not fetched by the desktop yet: kept.
    expect(await removeSealedFiles(w.sealContext())).toBe(0);
    expect(await files.has(seal.sha256)).toBe(true);
    expect(await statusOf(w.device.fetch(sealedFilePath(w.publishedId)))).toBe(200);
    await expect.poll(async () => (await documentRow(w)).sealed_fetched_at).not.toBeNull();

    expect(await removeSealedFiles(w.sealContext())).toBe(1);
    expect(await removeSealedFiles(w.sealContext())).toBe(0);
    expect((await documentRow(w)).sealed_removed_at).toBe(w.clock.now().toISOString());
    expect(await files.has(seal.sha256)).toBe(false);
    expect(await files.has(w.fileSha256)).toBe(false);
    // Its upload goes too: the same file published again is uploaded again.
    expect(await w.server.store.db.selectFrom('uploads').select('id').where('sha256', '=', w.fileSha256).execute()).toEqual([]);
    const device = await w.device.fetch(sealedFilePath(w.publishedId));
    expect(device.status).toBe(410);
    expect(await errorOf(device)).toMatchObject({ code: 'SEALED_GONE', messageKey: 'companyServer.api.sealedGone' });
    expect(await statusOf(get(w, portalSealedPath(w.tokens.jan)))).toBe(410);
  });

  it('after 30 days even unfetched; a signed copy still unsent holds it; an original another open document uses stays', async () => {
    const w = await signedWorld(cleanup);
    const seal = await sealed(w);
    const files = w.sealContext().files.files;
    // The same file, published again as another document that is still being signed.
    await publishAs(w.device, publishRequest(w.fileSha256, '7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e'));

    w.clock.advance(sealedKeptUnfetchedMs - 1);
    await copiesSent(w);
    expect(await removeSealedFiles(w.sealContext())).toBe(0);
    w.clock.advance(1);
    await w.server.store.db.updateTable('outbox').set({ status: 'queued' }).where('recipient', '=', jan.email).where('purpose', '=', 'signedCopy').execute();
    expect(await removeSealedFiles(w.sealContext())).toBe(0);
    await copiesSent(w);
    expect(await removeSealedFiles(w.sealContext())).toBe(1);
    expect(await files.has(seal.sha256)).toBe(false);
    expect(await files.has(w.fileSha256)).toBe(true);
  });
});

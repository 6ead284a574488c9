import type { z } from 'zod';
import type { DesktopSignatureAnswer, desktopSignatureSchema } from '../../src-shared/company-server/events';
import { checkSignatureImage } from '../../src-shared/fields/png';
import { appendFeed } from '../feed/feed';
import { ApiError } from '../http/api-error';
import { releaseDueLinks } from './release-links';
import type { SigningContext } from './signing-context';
import { everyoneSigned, storeSignature } from './store-signature';

export type DesktopSignatureInput = z.output<typeof desktopSignatureSchema>;

/** The answer to a signature already recorded: the links it released then, and whether all have signed. */
async function answerFor(ctx: Pick<SigningContext, 'db'>, documentId: string, signerId: string): Promise<DesktopSignatureAnswer> {
  const released = await ctx.db.selectFrom('signing_links').select((eb) => eb.fn.countAll<number>().as('n')).where('released_by', '=', signerId).executeTakeFirstOrThrow();
  return { released: Number(released.n), last: await everyoneSigned(ctx.db, documentId) };
}

/**
 * A signature made on the desktop (the company signer in the app, a counterparty in person), reported by the device
 * that published the document; another device's document, or a signer it does not have, is not found. The image is
 * checked as any signature is; the values are kept as given, since the desktop checked them with the same rule
 * (signerValues) when the signer signed, and the order was the desktop's to keep. No evidence row: that is the
 * desktop's own history, where the signature was made; the feed row tells any other follower.
 *
 * In one transaction: the signer signed, their values, the feed row, and the held links whose turn has come released
 * (a token each, their messages queued). The same report twice (a retry after a lost answer) records nothing again
 * and gets the same answer: the links released by this signature, counted by `released_by`.
 */
export async function recordDesktopSignature(ctx: SigningContext, deviceId: string, publishedId: string, desktopSignerId: string, input: DesktopSignatureInput): Promise<DesktopSignatureAnswer> {
  const doc = await ctx.db.selectFrom('published_documents').select(['id', 'state', 'expires_at']).where('id', '=', publishedId).where('device_id', '=', deviceId).executeTakeFirst();
  if (!doc) throw new ApiError('NOT_FOUND');
  const signer = await ctx.db.selectFrom('published_signers').select(['id', 'status']).where('document_id', '=', doc.id).where('desktop_signer_id', '=', desktopSignerId).executeTakeFirst();
  if (!signer) throw new ApiError('NOT_FOUND');
  if (signer.status === 'signed') return answerFor(ctx, doc.id, signer.id);
  const signedAt = new Date(input.signedAt).toISOString();
  // A signature made before the deadline counts even when it reaches the server later (the desktop was offline).
  if (doc.state !== 'open' || signer.status !== 'waiting') throw new ApiError('DOCUMENT_CLOSED', { values: { state: doc.state } });
  if (signedAt >= doc.expires_at) throw new ApiError('DOCUMENT_CLOSED', { values: { state: 'expired' } });
  const image = checkSignatureImage(input.image);
  if (!image.ok) throw new ApiError('BAD_REQUEST', { messageKey: image.messageKey, issues: [{ path: 'image', messageKey: image.messageKey }] });
  const stored = await ctx.files.files.put(image.bytes);
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('published_documents').select('state').where('id', '=', doc.id).executeTakeFirstOrThrow();
    if (current.state !== 'open') throw new ApiError('DOCUMENT_CLOSED', { values: { state: current.state } });
    if (!(await storeSignature(trx, signer.id, { signedAt, method: input.method, identityCheck: input.identityCheck, signatureSha256: stored.sha256, values: input.values }))) return false;
    await appendFeed(trx, { documentId: doc.id, signerId: signer.id, type: 'signed', at: signedAt, details: { method: input.method, identity: input.identityCheck } });
    await releaseDueLinks(trx, ctx, doc.id, signer.id);
    return true;
  });
  if (!recorded) {
    const now = await ctx.db.selectFrom('published_signers').select('status').where('id', '=', signer.id).executeTakeFirstOrThrow();
    if (now.status !== 'signed') throw new ApiError('DOCUMENT_CLOSED', { values: { state: 'declined' } });
  }
  return answerFor(ctx, doc.id, signer.id);
}

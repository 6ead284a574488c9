import type { z } from 'zod';
import { checkSignatureImage } from '../../src-shared/fields/png';
import { signerValues } from '../../src-shared/fields/signer-values';
import type { PortalSigned, portalSignRequestSchema } from '../../src-shared/portal/signing-session';
import { ApiError } from '../http/api-error';
import { recordEvent } from '../portal-api/evidence';
import type { Client } from '../portal-api/portal-context';
import { releaseDueLinks } from './release-links';
import { closedState, closedStateNow, linkClosed, type SessionSigner } from './session-signer';
import type { SigningContext } from './signing-context';
import { everyoneSigned, storeSignature } from './store-signature';
import { storedFields } from './subject';
import { isTurnOf } from './turn';

export type PortalSignInput = z.output<typeof portalSignRequestSchema>;

/** The date signed is stamped in UTC: the server cannot know the signer's zone (the certificate shows the exact time). */
const serverTimeZone = 'UTC';

async function isTurn(ctx: Pick<SigningContext, 'db'>, session: SessionSigner): Promise<boolean> {
  const signers = await ctx.db.selectFrom('published_signers').select(['id', 'side', 'status']).where('document_id', '=', session.link.documentId).orderBy('position').execute();
  return isTurnOf(signers, session.doc.order, session.link.signerId);
}

/** A signer who has signed, answered again with their signature's facts. */
async function signedAnswer(ctx: Pick<SigningContext, 'db'>, documentId: string, signedAt: string): Promise<PortalSigned> {
  return { status: 'signed', signedAt, last: await everyoneSigned(ctx.db, documentId) };
}

/**
 * A signer signs on the portal with the session their code opened: the link still usable (the document open and not
 * past its date), their turn by the document's order, a valid PNG, and their values checked with the preparer's exactly
 * as the desktop checks them (signerValues). The signature, the values, the evidence (and the desktops' feed row with
 * it) and any held link now due are one transaction. A second submit, from another tab or a retry after a lost answer,
 * signs nothing twice: it gets the first signature's answer. `last` says every signer has now signed.
 */
export async function signOnPortal(ctx: SigningContext, session: SessionSigner, input: PortalSignInput, client: Client): Promise<PortalSigned> {
  const { link, signer, doc } = session;
  if (signer.status === 'signed' && signer.signedAt) return signedAnswer(ctx, link.documentId, signer.signedAt);
  const closed = closedState(doc, link.revoked, ctx.now());
  if (closed) throw linkClosed(closed);
  if (signer.status !== 'waiting' || !(await isTurn(ctx, session))) throw new ApiError('NOT_YOUR_TURN');
  const image = checkSignatureImage(input.image);
  if (!image.ok) throw new ApiError('BAD_REQUEST', { messageKey: image.messageKey, issues: [{ path: 'image', messageKey: image.messageKey }] });
  const now = ctx.now();
  const { layout, preset } = storedFields(doc);
  const checked = signerValues({ layout, preset, ref: signer.ref, typed: input.values, imageBase64: image.base64, at: now, timeZone: serverTimeZone, country: signer.country ?? undefined });
  if (checked.issues.length > 0) throw new ApiError('BAD_REQUEST', { messageKey: 'errors.validation', issues: checked.issues });
  // Written before the transaction, by hash: a refusal below leaves a file nothing names, never a row without its file.
  const stored = await ctx.files.files.put(image.bytes);
  const at = now.toISOString();
  const identityCheck = link.channel === 'sms' ? 'smsCode' : 'emailCode';
  const signed = await ctx.db.transaction().execute(async (trx) => {
    // Checked again where it counts: another signer may have declined, or the preparer cancelled, since.
    const closedNow = await closedStateNow(trx, link.linkId, now);
    if (closedNow) throw linkClosed(closedNow);
    if (!(await storeSignature(trx, link.signerId, { signedAt: at, method: input.method, identityCheck, signatureSha256: stored.sha256, values: checked.values }))) return false;
    await recordEvent(trx, link, 'signed', client, now, { method: input.method, identity: identityCheck });
    await releaseDueLinks(trx, ctx, link.documentId, link.signerId);
    return true;
  });
  if (!signed) {
    const first = await ctx.db.selectFrom('published_signers').select(['status', 'signed_at']).where('id', '=', link.signerId).executeTakeFirstOrThrow();
    if (first.status === 'signed' && first.signed_at) return signedAnswer(ctx, link.documentId, first.signed_at);
    throw new ApiError('NOT_YOUR_TURN');
  }
  return signedAnswer(ctx, link.documentId, at);
}

import type { Transaction } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { checkSignatureImage } from '../../../src-shared/fields/png';
import type { signatureMethods } from '../../../src-shared/signing/inputs';
import { mayNowSign, signingPhase } from '../../../src-shared/signing/order';
import { nowIso, type ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { appendDocumentEvent } from '../documents/events';
import { enqueue, type NewMessage } from '../../delivery/outbox/enqueue';
import type { Database } from '../../store/schema';
import { queueSignatureReport } from '../company-server/signature-report';
import { completeDocument } from './complete';
import { declinedNotice } from './notices';
import { signerCountry } from './signer-country';
import { signerFieldValues } from './signer-fields';
import { expireDocument } from './expiry';
import { isExpired, signingState } from './signing-state';
import { moveToPhase, touchDocument } from './system-move';

export type SignatureMethod = (typeof signatureMethods)[number];

/** How the signer proved who they are, as the certificate page names it (`certificate.identity.*`). */
export type IdentityCheck = 'appLogin' | 'emailCode' | 'smsCode';

export interface Signing {
  documentId: string;
  signerId: number;
  method: SignatureMethod;
  /** Base64 PNG of the drawn, typed (rendered by the app) or uploaded signature. */
  image: string;
  /** The signer confirmed the consent statement; signing without it is refused. */
  consent: boolean;
  identityCheck: IdentityCheck;
  /** Who is acting, for the history: the employee's name, or the counterparty's. */
  actor: string;
  /** What they typed into their own fields, by field id; signature images and the date are filled in by the app. */
  values?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * One signer signs: only when it is their turn, the document is still out and not past its deadline (then it expires
 * instead), with consent given and a valid signature image. The last signature composes and seals the document, here
 * or, for a document published to the company server, there: the signature is reported to it (signature-report.ts),
 * which releases the links held for it and seals after the last one; the sealed file comes back through the feed.
 */
export async function signAsSigner(ctx: ServiceContext, input: Signing): Promise<DocumentSummary> {
  if (!input.consent) throw new AppError('VALIDATION', 'signing.consentRequired');
  const state = await signingState(ctx, input.documentId);
  if (isExpired(ctx, state)) {
    await expireDocument(ctx, state.doc.id);
    throw new AppError('VALIDATION', 'signing.expired');
  }
  if (!mayNowSign(state.doc.signers, state.order, input.signerId)) throw new AppError('VALIDATION', 'signing.notYourTurn');
  const image = checkSignatureImage(input.image);
  if (!image.ok) throw new AppError('VALIDATION', image.messageKey);
  const country = await signerCountry(ctx, input.signerId);
  const fieldValues = await signerFieldValues(ctx, { documentId: state.doc.id, signerId: input.signerId, typed: input.values ?? {}, imageBase64: image.base64, at: ctx.now(), country });
  const stored = await ctx.files.put(image.bytes);
  const at = nowIso(ctx);
  const signers = state.doc.signers.map((s) => (s.id === input.signerId ? { ...s, status: 'signed' as const } : s));
  const phase = signingPhase(signers, state.order);
  let serverSeals = false;
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('document_signers')
      .set({ status: 'signed', signed_at: at, signature_method: input.method, signature_sha256: stored.sha256, identity_check: input.identityCheck })
      .where('id', '=', input.signerId)
      .where('status', 'not in', ['signed', 'declined'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'signing.notYourTurn');
    const rows = Object.entries(fieldValues).map(([field_id, value]) => ({ signer_id: input.signerId, field_id, value: JSON.stringify(value) }));
    if (rows.length) await trx.insertInto('signer_values').values(rows).execute();
    await touchDocument(trx, state.doc.id, at);
    await appendDocumentEvent(trx, state.doc.id, { at, type: 'signed', actor: input.actor, details: { signer: String(input.signerId), method: input.method, identity: input.identityCheck, image: stored.sha256 } });
    serverSeals = await queueSignatureReport(trx, state.doc.id, input.signerId, at);
    // The last signature moves the document only once it is sealed (completeDocument, or the server's seal arriving),
    // so "Signed" always has its PDF.
    if (phase !== 'signed') await moveToPhase(trx, state.doc.id, phase, at, 'signed');
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [state.doc.id] });
  // The signature is kept whatever happens next; a seal that fails (no company key yet) is tried again by the sweep.
  if (phase === 'signed' && !serverSeals) await completeDocument(ctx, state.doc.id).catch((error: unknown) => ctx.log.error('sealing a fully signed document failed; retried by the sweep', error, { documentId: state.doc.id }));
  const [after] = await summariesOf(ctx, [state.doc.id]);
  return after!;
}

/** A signer declines with a reason: the document goes to Declined and the history keeps their words. */
export async function declineAsSigner(ctx: ServiceContext, input: { documentId: string; signerId: number; reason: string; actor: string }): Promise<DocumentSummary> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION', 'signing.reasonRequired');
  const state = await signingState(ctx, input.documentId);
  if (!mayNowSign(state.doc.signers, 'parallel', input.signerId)) throw new AppError('VALIDATION', 'signing.notYourTurn');
  const at = nowIso(ctx);
  const notices = await declinedNotice(ctx, state.doc.id, input.actor, reason);
  await ctx.db.transaction().execute((trx) => writeDecline(ctx, trx, { documentId: state.doc.id, signerId: input.signerId, reason, actor: input.actor, at, notices }));
  ctx.events.publish({ type: 'documentsChanged', ids: [state.doc.id] });
  const [after] = await summariesOf(ctx, [state.doc.id]);
  return after!;
}

export interface DeclineWrite {
  documentId: string;
  signerId: number;
  reason: string;
  actor: string;
  at: string;
  /** `declinedNotice`'s messages, built before the transaction (they read the mail settings). */
  notices: readonly NewMessage[];
  /** More for the history entry (where the decline came from). */
  details?: Record<string, string>;
}

/**
 * A decline's writes in the caller's transaction: the signer declined with the reason, the owner's notice queued, the
 * history entry and the move to Declined. Shared by a decline in this app and one on the company server's portal
 * (apply-server-event.ts), so both leave the same trace.
 */
export async function writeDecline(ctx: ServiceContext, trx: Transaction<Database>, input: DeclineWrite): Promise<void> {
  await trx.updateTable('document_signers').set({ status: 'declined', declined_at: input.at, declined_reason: input.reason }).where('id', '=', input.signerId).execute();
  for (const notice of input.notices) await enqueue(ctx, notice, trx);
  await touchDocument(trx, input.documentId, input.at);
  await appendDocumentEvent(trx, input.documentId, { at: input.at, type: 'declined', actor: input.actor, details: { signer: String(input.signerId), reason: input.reason, ...input.details } });
  // The feed's number goes along on the move too: automation tells the server's steps from this desktop's by it.
  await moveToPhase(trx, input.documentId, 'declined', input.at, 'declined', input.details?.serverSeq ? { serverSeq: input.details.serverSeq } : {});
}

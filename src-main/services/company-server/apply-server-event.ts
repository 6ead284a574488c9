import { sql, type Transaction } from 'kysely';
import { serverAutomationEventTypes, type ServerEvent } from '../../../src-shared/company-server/events';
import { AppError } from '../../../src-shared/contract/errors';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { DocumentSigner, DocumentSummary } from '../../../src-shared/documents/types';
import { signingPhase, type SigningOrder } from '../../../src-shared/signing/order';
import type { Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { appendDocumentEvent } from '../documents/events';
import { declinedNotice } from '../signing/notices';
import { writeDecline } from '../signing/sign';
import { moveToPhase, touchDocument } from '../signing/system-move';
import { sealedFileRefusal } from './sealed-file';
import { prepareServerAutomation } from './apply-server-automation';

/** What became of one feed event on this desktop. */
export type ApplyOutcome =
  | { kind: 'applied'; documentId: string }
  /** Nothing to do: a document this desktop does not know, a step it already has, one that no longer fits. */
  | { kind: 'skipped'; documentId?: string; why: string }
  /** The sealed file could not be fetched or did not verify: nothing moved, the reason in the history, tried again later. */
  | { kind: 'sealFailed'; documentId: string; reason: FailureReason };

export interface FailureReason {
  messageKey: string;
  details?: Record<string, unknown>;
}

export interface ApplyOptions {
  /** Who the history names for the server's own steps (the code sent, the seal): the server's name or address. */
  server: string;
  /** The sealed file the server serves this desktop (sealed-file.ts). */
  fetchSealed(publishedId: string): Promise<Uint8Array>;
  /**
   * Called in the transaction that writes the event's effects (or, skipped, in one of its own): the follower moves
   * its cursor there, so an event is applied and counted together or not at all.
   */
  commit(trx: Transaction<Database>, outcome: ApplyOutcome): Promise<void>;
  /** Whether a failed seal is written into the history this time (the first failure, or a new reason): not every retry. */
  notes?(reason: FailureReason): boolean;
  /** Set when the follower stops: a download cut by it is no failure, and nothing is committed. */
  signal?: AbortSignal;
}

const isServerAutomation = (type: string) => (serverAutomationEventTypes as readonly string[]).includes(type);

/** The history entry of a sealed file that was refused, with the reason as a message key and its values (as publish-job.ts writes them). */
export const sealFailedEvent = 'sealFetchFailed';

const outForSigning: ReadonlySet<Phase> = new Set(['companySigning', 'counterpartySigning']);
const finished: ReadonlySet<DocumentSigner['status']> = new Set(['signed', 'declined']);
/** Statuses a view or a passed code may move on from: never back from a later step. */
const beforeViewed = ['waiting', 'sent'];
const beforeChecked = ['waiting', 'sent', 'viewed'];

type Writer = (trx: Transaction<Database>) => Promise<void>;
/** The writes of one event, made in one transaction with the cursor; with `failed`, the seal's refusal they record. */
type Prepared = { write: Writer; failed?: FailureReason };

interface Known {
  doc: DocumentSummary;
  order: SigningOrder;
  sealedSha256: string | null;
  signer: DocumentSigner | undefined;
}

function reasonOf(error: unknown): FailureReason {
  if (error instanceof AppError) return { messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) };
  return { messageKey: 'errors.internal', details: { message: error instanceof Error ? error.message : String(error) } };
}

/** A reason as history details, which are text: its key as `error` beside its values (board/signing-events.ts reads them so). */
const reasonDetails = (reason: FailureReason): Record<string, string> => ({ ...Object.fromEntries(Object.entries(reason.details ?? {}).map(([k, v]) => [k, String(v)])), error: reason.messageKey });

/** The document the event names, when this desktop published it there (same document, same published id). */
async function knownDocument(ctx: ServiceContext, event: ServerEvent): Promise<Known | null> {
  const row = await ctx.db
    .selectFrom('publish_jobs')
    .innerJoin('documents', 'documents.id', 'publish_jobs.document_id')
    .select(['documents.signing_order', 'documents.sealed_sha256'])
    .where('publish_jobs.document_id', '=', event.documentId)
    .where('publish_jobs.published_id', '=', event.publishedId)
    .executeTakeFirst();
  const [doc] = row ? await summariesOf(ctx, [event.documentId]) : [];
  if (!row || !doc) return null;
  return { doc, order: (row.signing_order ?? 'companyFirst') as SigningOrder, sealedSha256: row.sealed_sha256, signer: doc.signers.find((s) => String(s.id) === event.signerId) };
}

/** The step is in the history already (a feed read again after a restore): applying is idempotent. */
async function appliedBefore(ctx: ServiceContext, event: ServerEvent): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('document_events')
    .select('seq')
    .where('document_id', '=', event.documentId)
    .where('type', '!=', sealFailedEvent)
    .where(sql<string>`json_extract(details, '$.serverSeq')`, '=', String(event.seq))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies one step of the server's feed to this desktop's document (issue 6, item 5), in the desktop's own terms:
 * a first view and a passed code move the signer's status on (never back); a signature on the portal is recorded as
 * the desktop records one and moves the document by the signing order, but not to Signed: the server seals, and
 * Signed comes with the sealed file; a decline is written as a decline here is (writeDecline, the owner's notice
 * included); the seal is fetched and checked (its hash, then Verify against this desktop's company CA) before it is
 * stored and the document moves to Signed. Each history entry carries the feed's number (`serverSeq`).
 */
export async function applyServerEvent(ctx: ServiceContext, event: ServerEvent, options: ApplyOptions): Promise<ApplyOutcome> {
  const commitOnly = async (outcome: ApplyOutcome): Promise<ApplyOutcome> => {
    await ctx.db.transaction().execute((trx) => options.commit(trx, outcome));
    return outcome;
  };
  const known = await knownDocument(ctx, event);
  if (!known) {
    ctx.log.info('company server feed: a document this desktop did not publish there, skipped', { seq: event.seq, type: event.type, documentId: event.documentId, publishedId: event.publishedId });
    return commitOnly({ kind: 'skipped', why: 'unknownDocument' });
  }
  const documentId = known.doc.id;
  if (await appliedBefore(ctx, event)) return commitOnly({ kind: 'skipped', documentId, why: 'appliedBefore' });

  const prepared =
    event.type === 'sealed'
      ? await prepareSeal(ctx, event, known, options)
      : isServerAutomation(event.type)
        ? await prepareServerAutomation(ctx, event, known.doc)
        : await prepareStep(ctx, event, known, options.server);
  if (typeof prepared === 'string') {
    ctx.log.info('company server feed: step skipped', { seq: event.seq, type: event.type, documentId, why: prepared });
    return commitOnly({ kind: 'skipped', documentId, why: prepared });
  }
  const outcome: ApplyOutcome = prepared.failed ? { kind: 'sealFailed', documentId, reason: prepared.failed } : { kind: 'applied', documentId };
  await ctx.db.transaction().execute(async (trx) => {
    await prepared.write(trx);
    await options.commit(trx, outcome);
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [documentId] });
  return outcome;
}

/** The writes of a signer's step, or why there are none. */
async function prepareStep(ctx: ServiceContext, event: ServerEvent, known: Known, server: string): Promise<Prepared | string> {
  const { doc, signer } = known;
  if (event.type === 'expired' || event.type === 'cancelled') return 'desktopDecides';
  if (!signer) return 'unknownSigner';
  const at = event.at;
  const seq = String(event.seq);
  const signerId = signer.id;
  const entry = (trx: Transaction<Database>, type: string, actor: string, details: Record<string, string | undefined> = {}) =>
    appendDocumentEvent(trx, doc.id, { at, type, actor, details: { signer: String(signerId), ...definedOnly(details), serverSeq: seq } });
  const channel = event.details.channel;

  switch (event.type) {
    case 'viewed':
      return {
        write: async (trx) => {
          await trx.updateTable('document_signers').set({ status: 'viewed' }).where('id', '=', signerId).where('status', 'in', beforeViewed).execute();
          await trx.updateTable('document_signers').set({ viewed_at: at }).where('id', '=', signerId).where('viewed_at', 'is', null).execute();
          await touchDocument(trx, doc.id, at);
          await entry(trx, 'viewed', signer.name, { channel, ip: event.details.ip });
        },
      };
    case 'codeSent':
      return { write: (trx) => entry(trx, 'otpSent', server, { channel }).then(() => undefined) };
    case 'codePassed':
      return {
        write: async (trx) => {
          const identity = channel === 'sms' ? 'smsCode' : 'emailCode';
          await trx.updateTable('document_signers').set({ status: 'identityChecked', identity_check: identity }).where('id', '=', signerId).where('status', 'in', beforeChecked).execute();
          await touchDocument(trx, doc.id, at);
          await entry(trx, 'identityChecked', signer.name, { channel: channel ?? 'email' });
        },
      };
    case 'locked':
      return { write: (trx) => entry(trx, 'otpLocked', server, {}).then(() => undefined) };
    case 'signed':
      if (finished.has(signer.status)) return 'signerFinished';
      if (!outForSigning.has(doc.phase)) return 'notOutForSigning';
      return {
        write: async (trx) => {
          const identity = event.details.identity ?? (channel === 'sms' ? 'smsCode' : 'emailCode');
          const updated = await trx
            .updateTable('document_signers')
            .set({ status: 'signed', signed_at: at, signature_method: event.details.method ?? null, identity_check: identity })
            .where('id', '=', signerId)
            .where('status', 'not in', [...finished])
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) return;
          await touchDocument(trx, doc.id, at);
          await entry(trx, 'signed', signer.name, { method: event.details.method, identity });
          // As sign.ts moves a signature made here, except to Signed: that waits for the server's sealed file.
          const signers = await trx.selectFrom('document_signers').select(['id', 'side', 'status']).where('document_id', '=', doc.id).execute();
          const phase = signingPhase(signers as Pick<DocumentSigner, 'id' | 'side' | 'status'>[], known.order);
          if (phase !== 'signed') await moveToPhase(trx, doc.id, phase, at, 'signed');
        },
      };
    case 'declined': {
      if (finished.has(signer.status)) return 'signerFinished';
      if (!outForSigning.has(doc.phase)) return 'notOutForSigning';
      const reason = event.details.reason?.trim() || '—';
      const notices = await declinedNotice(ctx, doc.id, signer.name, reason);
      return { write: (trx) => writeDecline(ctx, trx, { documentId: doc.id, signerId, reason, actor: signer.name, at, notices, details: { serverSeq: seq } }) };
    }
    default:
      return 'notASignerStep';
  }
}

/**
 * The sealed file fetched and checked outside any transaction (a download holds no store connection), stored by its
 * hash; then the writes: the file's row, the document's sealed hash, the history, the move to Signed. A fetch or a
 * check that fails writes only the reason (when `notes` says so) and leaves the document where it is.
 */
async function prepareSeal(ctx: ServiceContext, event: ServerEvent, known: Known, options: ApplyOptions): Promise<Prepared | string> {
  const { doc } = known;
  const sha256 = event.details.sha256;
  if (!sha256) return 'noHash';
  if (known.sealedSha256 === sha256) return 'sealedBefore';
  if (known.sealedSha256 !== null) return 'sealedHere';
  if (!outForSigning.has(doc.phase)) return 'notOutForSigning';
  let failed: FailureReason | null = null;
  let bytes: Uint8Array | undefined;
  try {
    bytes = await options.fetchSealed(event.publishedId);
    const refusal = await sealedFileRefusal(ctx, bytes, { sha256, size: event.details.size });
    if (refusal) failed = reasonOf(refusal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    failed = reasonOf(error);
  }
  if (failed || !bytes) {
    const reason = failed ?? { messageKey: 'errors.internal' };
    ctx.log.warn('company server feed: the sealed file was not accepted; tried again later', { documentId: doc.id, seq: event.seq, reason: reason.messageKey });
    const noted = options.notes?.(reason) ?? true;
    return {
      failed: reason,
      write: async (trx) => {
        if (noted) await appendDocumentEvent(trx, doc.id, { at: nowIso(ctx), type: sealFailedEvent, actor: options.server, details: { ...reasonDetails(reason), sha256, failedServerSeq: String(event.seq) } });
      },
    };
  }
  const stored = await ctx.files.put(bytes);
  const size = bytes.length;
  return {
    write: async (trx) => {
      const at = nowIso(ctx);
      await trx
        .insertInto('files')
        .values({ sha256: stored.sha256, size, media_type: 'application/pdf', created_at: at, page_count: null, page_sizes: null })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      await trx.updateTable('documents').set({ sealed_sha256: stored.sha256 }).where('id', '=', doc.id).execute();
      await appendDocumentEvent(trx, doc.id, { at, type: 'sealed', actor: options.server, details: { sha256: stored.sha256, serverSeq: String(event.seq) } });
      await moveToPhase(trx, doc.id, 'signed', at, 'sealed');
    },
  };
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}

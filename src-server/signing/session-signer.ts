import type { Kysely } from 'kysely';
import type { ClosedLinkState } from '../../src-shared/portal/signing-link';
import { ApiError } from '../http/api-error';
import type { EventLink } from '../portal-api/evidence';
import { sessionLinkId } from '../portal-api/sessions';
import type { ServerDatabase } from '../store/schema';

/** The signer a signing session (the cookie) is for, with their link and what the signing calls need of the document. */
export interface SessionSigner {
  link: EventLink & { channel: 'email' | 'sms'; revoked: boolean };
  signer: { ref: string; side: string; name: string; country: string | null; status: string; signedAt: string | null; declinedAt: string | null };
  doc: {
    state: string;
    expiresAt: string;
    order: string;
    title: string;
    number: string;
    companyName: string;
    preparerName: string | null;
    fileSha256: string;
    layout: string;
    presetValues: string | null;
    pageSizes: string | null;
  };
}

/** A session's signer, or SESSION_REQUIRED: no cookie, an unknown or lapsed session, alike. */
export async function sessionSigner(ctx: { db: Kysely<ServerDatabase>; now(): Date }, token: string | undefined): Promise<SessionSigner> {
  const linkId = await sessionLinkId(ctx, token);
  if (!linkId) throw new ApiError('SESSION_REQUIRED');
  const row = await ctx.db
    .selectFrom('signing_links as l')
    .innerJoin('published_signers as s', 's.id', 'l.signer_id')
    .innerJoin('published_documents as d', 'd.id', 'l.document_id')
    .select(['l.id as linkId', 'l.channel', 'l.revoked_at', 's.id as signerId', 's.ref', 's.side', 's.name', 's.country', 's.status', 's.signed_at', 's.declined_at'])
    .select(['d.id as documentId', 'd.state', 'd.expires_at', 'd.signing_order', 'd.title', 'd.number', 'd.company_name', 'd.preparer_name', 'd.file_sha256', 'd.layout', 'd.preset_values', 'd.page_sizes'])
    .where('l.id', '=', linkId)
    .executeTakeFirst();
  if (!row) throw new ApiError('SESSION_REQUIRED');
  return {
    link: { linkId: row.linkId, documentId: row.documentId, signerId: row.signerId, channel: row.channel === 'sms' ? 'sms' : 'email', revoked: row.revoked_at !== null },
    signer: { ref: row.ref, side: row.side, name: row.name, country: row.country, status: row.status, signedAt: row.signed_at, declinedAt: row.declined_at },
    doc: {
      state: row.state,
      expiresAt: row.expires_at,
      order: row.signing_order,
      title: row.title,
      number: row.number,
      companyName: row.company_name,
      preparerName: row.preparer_name,
      fileSha256: row.file_sha256,
      layout: row.layout,
      presetValues: row.preset_values,
      pageSizes: row.page_sizes,
    },
  };
}

/**
 * Why a document can no longer be signed or declined from this link, in the link page's words; null while it can. A
 * document declined by another signer revoked this link with it, and says so rather than `invalid`.
 */
export function closedState(doc: { state: string; expiresAt: string }, revoked: boolean, now: Date): ClosedLinkState | null {
  if (doc.state === 'cancelled' || doc.state === 'declined' || doc.state === 'completed') return doc.state;
  if (revoked) return 'invalid';
  if (doc.state === 'expired' || now.toISOString() >= doc.expiresAt) return 'expired';
  return doc.state === 'open' ? null : 'invalid';
}

/** `closedState` as the store has it now, read in the caller's transaction: what a signature or decline is decided on. */
export async function closedStateNow(db: Kysely<ServerDatabase>, linkId: string, now: Date): Promise<ClosedLinkState | null> {
  const row = await db.selectFrom('signing_links as l').innerJoin('published_documents as d', 'd.id', 'l.document_id').select(['d.state', 'd.expires_at', 'l.revoked_at']).where('l.id', '=', linkId).executeTakeFirstOrThrow();
  return closedState({ state: row.state, expiresAt: row.expires_at }, row.revoked_at !== null, now);
}

/** The refusal for a closed link: its state for the page, and the desktop's own words for a deadline gone by. */
export function linkClosed(state: ClosedLinkState): ApiError {
  return new ApiError('LINK_CLOSED', { values: { state }, ...(state === 'expired' ? { messageKey: 'signing.expired' } : {}) });
}

import type { Kysely } from 'kysely';
import { sealedDownloadDays, sealedDownloadMs } from '../../src-shared/portal/signing-session';
import { portalLinkTokenSchema, type PortalLink } from '../../src-shared/portal/signing-link';
import { ApiError } from '../http/api-error';
import { sha256Hex } from '../pairing/secrets';
import type { ServerDatabase } from '../store/schema';

export type SealedOffer =
  | { state: 'available'; sha256: string; number: string; availableUntil: string }
  /** Not sealed yet, or this link's signer has not signed (a signer's own link offers only what they signed). */
  | { state: 'notReady' }
  /** Past its 14 days, or taken off the portal. */
  | { state: 'gone'; availableUntil: string }
  /** Malformed, unknown or revoked: as everywhere else, one answer for all three. */
  | { state: 'invalid' };

/** Whether a signer's link offers the sealed PDF now: the document completed and sealed, this signer signed, within 14 days. */
export async function sealedOfferOf(ctx: { db: Kysely<ServerDatabase>; now(): Date }, token: string): Promise<SealedOffer> {
  if (!portalLinkTokenSchema.safeParse(token).success) return { state: 'invalid' };
  const row = await ctx.db
    .selectFrom('signing_links as l')
    .innerJoin('published_signers as s', 's.id', 'l.signer_id')
    .innerJoin('published_documents as d', 'd.id', 'l.document_id')
    .select(['l.revoked_at', 's.status', 'd.state', 'd.number', 'd.sealed_sha256', 'd.sealed_at', 'd.sealed_removed_at'])
    .where('l.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return { state: 'invalid' };
  if (row.status !== 'signed' || row.state !== 'completed' || !row.sealed_sha256 || !row.sealed_at) return { state: 'notReady' };
  const availableUntil = new Date(Date.parse(row.sealed_at) + sealedDownloadMs).toISOString();
  if (row.sealed_removed_at !== null || ctx.now().toISOString() >= availableUntil) return { state: 'gone', availableUntil };
  return { state: 'available', sha256: row.sealed_sha256, number: row.number, availableUntil };
}

/** The link page's view of a completed document, with the download while it is offered; any other view as it is. */
export async function withSealedOffer(ctx: { db: Kysely<ServerDatabase>; now(): Date }, token: string, view: PortalLink): Promise<PortalLink> {
  if (view.state !== 'completed') return view;
  const offer = await sealedOfferOf(ctx, token);
  return offer.state === 'available' ? { state: 'completed', sealed: { availableUntil: offer.availableUntil } } : view;
}

/** The offer's refusal as the API says it; the page shows its message (after the 14 days: where the copy went). */
export function sealedRefusal(offer: Exclude<SealedOffer, { state: 'available' }>): ApiError {
  if (offer.state === 'invalid') return new ApiError('LINK_CLOSED', { values: { state: 'invalid' } });
  if (offer.state === 'notReady') return new ApiError('SEALED_NOT_READY');
  return new ApiError('SEALED_GONE', { values: { days: sealedDownloadDays, until: offer.availableUntil } });
}

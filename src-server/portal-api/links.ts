import { maskEmail, maskPhone } from '../../src-shared/pdf/certificate';
import { portalLinkTokenSchema, type ClosedLinkState, type OpenPortalLink, type PortalLink } from '../../src-shared/portal/signing-link';
import { inspectPdf } from '../../src-main/pdf/inspect';
import { sha256Hex } from '../pairing/secrets';
import type { EventLink } from './evidence';
import type { PortalContext } from './portal-context';

/** A link that may be used now, with what its calls need of the document and the signer. */
export interface OpenLink extends EventLink {
  channel: 'email' | 'sms';
  /** The signer's own address for the code (their e-mail or phone, as published). */
  address: string;
  language: 'pl' | 'en';
  signerName: string;
  companyName: string;
  preparerName: string | null;
  title: string;
  number: string;
  fileSha256: string;
  pageCount: number | null;
  expiresAt: string;
}

export type FoundLink = { state: 'open'; link: OpenLink } | { state: ClosedLinkState };

/**
 * The link a token names, looked up by its SHA-256 (the only form the store has), and whether it may be used now. A
 * token that is malformed, unknown or revoked is `invalid`, alike, so an answer never tells a guesser that a token
 * existed. A link of a withdrawn document says `cancelled` (its revocation came with the cancel), of a document past
 * its date `expired`, of a finished one, or one this signer has already signed, `completed`, and of one a signer
 * declined `declined` (its other links were revoked with the decline: they say so too, not `invalid`).
 */
export async function findLink(ctx: Pick<PortalContext, 'db' | 'now'>, token: string): Promise<FoundLink> {
  if (!portalLinkTokenSchema.safeParse(token).success) return { state: 'invalid' };
  const row = await ctx.db
    .selectFrom('signing_links as l')
    .innerJoin('published_signers as s', 's.id', 'l.signer_id')
    .innerJoin('published_documents as d', 'd.id', 'l.document_id')
    .select(['l.id as linkId', 'l.channel', 'l.revoked_at', 'l.expires_at as linkExpiresAt', 's.id as signerId', 's.name as signerName', 's.email', 's.phone', 's.language', 's.status as signerStatus'])
    .select(['d.id as documentId', 'd.state', 'd.company_name', 'd.preparer_name', 'd.title', 'd.number', 'd.file_sha256', 'd.page_count', 'd.expires_at'])
    .where('l.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row) return { state: 'invalid' };
  if (row.state === 'cancelled') return { state: 'cancelled' };
  if (row.state === 'declined') return { state: 'declined' };
  if (row.revoked_at !== null) return { state: 'invalid' };
  if (row.state === 'completed' || row.signerStatus === 'signed') return { state: 'completed' };
  const now = ctx.now().toISOString();
  if (row.state === 'expired' || now >= row.expires_at || now >= row.linkExpiresAt) return { state: 'expired' };
  const channel = row.channel === 'sms' ? 'sms' : 'email';
  const address = channel === 'sms' ? row.phone : row.email;
  // Publishing refuses a remote signer without the address their channel needs; a row without one is not a usable link.
  if (!address) return { state: 'invalid' };
  return {
    state: 'open',
    link: {
      linkId: row.linkId,
      documentId: row.documentId,
      signerId: row.signerId,
      channel,
      address,
      language: row.language === 'en' ? 'en' : 'pl',
      signerName: row.signerName,
      companyName: row.company_name,
      preparerName: row.preparer_name,
      title: row.title,
      number: row.number,
      fileSha256: row.file_sha256,
      pageCount: row.page_count,
      expiresAt: row.expires_at,
    },
  };
}

export const maskedAddressOf = (link: Pick<OpenLink, 'channel' | 'address'>): string => (link.channel === 'sms' ? maskPhone(link.address) : maskEmail(link.address));

/** The signer's code as the page shows it: none asked (or the last one lapsed), one sent, locked, passed. */
export async function codeStateOf(ctx: Pick<PortalContext, 'db' | 'now'>, signerId: string): Promise<OpenPortalLink['code']> {
  const last = await ctx.db.selectFrom('otp_challenges').select(['state', 'expires_at']).where('signer_id', '=', signerId).where('state', '!=', 'replaced').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!last) return 'none';
  if (last.state === 'open') return ctx.now().toISOString() > last.expires_at ? 'none' : 'sent';
  return last.state === 'replaced' ? 'none' : last.state;
}

/** Read from the file the first time and kept: a page count never changes for a published file. */
async function pageCountOf(ctx: Pick<PortalContext, 'db' | 'files'>, link: OpenLink): Promise<number> {
  if (link.pageCount !== null) return link.pageCount;
  const { pageCount } = await inspectPdf(await ctx.files.files.read(link.fileSha256));
  await ctx.db.updateTable('published_documents').set({ page_count: pageCount }).where('id', '=', link.documentId).execute();
  return pageCount;
}

/** What the signer may see before the code: who asks, what, how many pages, and where the code will go. No document bytes. */
export async function linkView(ctx: Pick<PortalContext, 'db' | 'files' | 'now'>, found: FoundLink): Promise<PortalLink> {
  if (found.state !== 'open') return { state: found.state };
  const { link } = found;
  return {
    state: 'open',
    companyName: link.companyName,
    preparerName: link.preparerName,
    title: link.title,
    number: link.number,
    pageCount: await pageCountOf(ctx, link),
    signerName: link.signerName,
    channel: link.channel,
    maskedAddress: maskedAddressOf(link),
    language: link.language,
    expiresAt: link.expiresAt,
    code: await codeStateOf(ctx, link.signerId),
  };
}

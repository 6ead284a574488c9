import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { sealedDownloadDays } from '../../src-shared/portal/signing-session';
import { signedFilenameOf } from '../../src-main/services/signing/final-document';
import { isMissingFile } from '../files/document-files';
import type { ServerFiles } from '../publishing/server-files';
import { sealedOfferOf, sealedRefusal } from '../sealing/sealed-offer';
import type { ServerDatabase } from '../store/schema';
import { ApiError } from './api-error';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';
import { publishedInParams } from './route-documents';

export interface SealedRouteContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
}

/** Per client address: a download is a whole PDF, and a signer needs it once or twice. */
export const sealedDownloadPerIp = { max: 20, windowMs: 60_000 } as const;

const tokenParams = z.object({ token: z.string().max(256) });
const idParams = z.object({ id: z.uuid() });

/** The sealed PDF as a download: its length and SHA-256 up front, never cached on the way (it is someone's contract). */
async function sendSealed(reply: FastifyReply, files: ServerFiles, sha256: string, filename: string) {
  const bytes = await files.files.read(sha256).catch((error: unknown) => {
    // Taken off the portal between the row's look and this one (the removal sweep): gone, not a server error.
    if (isMissingFile(error)) throw new ApiError('SEALED_GONE', { values: { days: sealedDownloadDays } });
    throw error;
  });
  return reply
    .type('application/pdf')
    .header('content-length', String(bytes.byteLength))
    .header('x-signet-sha256', sha256)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * The sealed PDF (issue 6, items 4 and 5): for a signer by their own link, public and rate limited per address, while
 * the document is completed, within 14 days of the seal and only to a signer who signed (the page's view says until
 * when); and for the desktop that published it, by its device token and documents.view on the document, until it
 * has fetched it (see sealed-removal.ts).
 * Another device's document is not found, as if it did not exist.
 */
export function registerSealedRoutes(api: FastifyInstance, ctx: SealedRouteContext): void {
  // portalSealedPath(token) and sealedFilePath(id) of the contract, as route patterns (the builders encode a ':').
  api.get('/portal/links/:token/sealed', { config: { public: true, rateLimit: { max: sealedDownloadPerIp.max, timeWindow: sealedDownloadPerIp.windowMs } } }, async (request, reply) => {
    const { token } = parseBody(tokenParams, request.params);
    const offer = await sealedOfferOf(ctx, token);
    if (offer.state !== 'available') throw sealedRefusal(offer);
    return sendSealed(reply, ctx.files, offer.sha256, signedFilenameOf(offer.number));
  });

  api.get('/documents/:id/sealed', { config: { permission: { action: 'documents.view', document: publishedInParams('id') } } }, async (request, reply) => {
    const device = deviceOf(request);
    const { id } = parseBody(idParams, request.params);
    const doc = await ctx.db
      .selectFrom('published_documents')
      .select(['number', 'sealed_sha256', 'sealed_removed_at', 'sealed_fetched_at'])
      .where('id', '=', id)
      .where('device_id', '=', device.id)
      .executeTakeFirst();
    if (!doc) throw new ApiError('NOT_FOUND');
    if (!doc.sealed_sha256) throw new ApiError('SEALED_NOT_READY', { messageKey: 'companyServer.api.notSealed' });
    if (doc.sealed_removed_at !== null) throw new ApiError('SEALED_GONE', { messageKey: 'companyServer.api.sealedGone' });
    // Fetched once the last byte has gone out: only then may the removal sweep count on the desktop having its copy.
    if (doc.sealed_fetched_at === null) {
      reply.raw.once('finish', () => {
        ctx.db
          .updateTable('published_documents')
          .set({ sealed_fetched_at: ctx.now().toISOString() })
          .where('id', '=', id)
          .where('sealed_fetched_at', 'is', null)
          .execute()
          .catch((error: unknown) => request.log.error({ err: error, publishedId: id }, 'recording the sealed file as fetched failed'));
      });
    }
    return sendSealed(reply, ctx.files, doc.sealed_sha256, signedFilenameOf(doc.number));
  });
}

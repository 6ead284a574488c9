import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ServerDatabase } from '../store/schema';
import { unlockSignerCode } from '../signing/unlock-code';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';
import { clientOf } from './portal-request';
import { publishedInParams } from './route-documents';

const params = z.object({ publishedId: z.uuid(), signerId: z.string().min(1).max(64) });

/**
 * The publishing desktop frees a portal signer's locked code (issue 6, item 4). Needs the device's token, as every
 * /api/v1 route not marked public, and documents.send on the document (it sends the signer a code); only its own
 * documents are found. The path is unlockCodePath (src-shared/company-server/events.ts); the answer is the same
 * whether a lock was freed or there was none.
 */
export function registerUnlockCodeRoute(api: FastifyInstance, ctx: { db: Kysely<ServerDatabase>; now(): Date }): void {
  api.post('/documents/:publishedId/signers/:signerId/unlock-code', { config: { permission: { action: 'documents.send', document: publishedInParams('publishedId') } } }, async (request): Promise<{ ok: true }> => {
    const device = deviceOf(request);
    const { publishedId, signerId } = parseBody(params, request.params);
    const { unlocked } = await unlockSignerCode(ctx.db, device.id, publishedId, signerId, clientOf(request), ctx.now());
    request.log.info({ deviceId: device.id, publishedId, unlocked }, 'signing code unlock');
    return { ok: true };
  });
}

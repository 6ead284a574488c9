import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { desktopSignatureSchema, type DesktopSignatureAnswer } from '../../src-shared/company-server/events';
import { recordDesktopSignature } from '../signing/desktop-signature';
import { tellAllSigned, type SigningContext } from '../signing/signing-context';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';
import { publishedInParams } from './route-documents';

const params = z.object({ publishedId: z.uuid(), signerId: z.string().min(1).max(64) });

/** The signature PNG and the signer's values, which carry that image again in each of their signature fields. */
const reportBodyLimit = 16 * 1024 * 1024;

/**
 * A paired desktop reports a signature made on it (issue 6, item 3: the company signer's, which releases the links
 * held for it). Needs the device's token, as every /api/v1 route not marked public, and its account's
 * documents.signForCompany on the document (route-permission.ts); only the publishing device's own documents are
 * found. The path is desktopSignaturePath (src-shared/company-server/events.ts).
 */
export function registerDesktopSignatureRoutes(api: FastifyInstance, ctx: SigningContext): void {
  api.post('/documents/:publishedId/signers/:signerId/signature', { bodyLimit: reportBodyLimit, config: { permission: { action: 'documents.signForCompany', document: publishedInParams('publishedId') } } }, async (request): Promise<DesktopSignatureAnswer> => {
    const device = deviceOf(request);
    const { publishedId, signerId } = parseBody(params, request.params);
    const answer = await recordDesktopSignature(ctx, device.id, publishedId, signerId, parseBody(desktopSignatureSchema, request.body));
    request.log.info({ deviceId: device.id, publishedId, released: answer.released, last: answer.last }, 'desktop signature recorded');
    if (answer.last) tellAllSigned(ctx, publishedId, request.log);
    return answer;
  });
}

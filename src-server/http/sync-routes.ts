import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  maxSyncFileBytes,
  missingFilesRequest,
  pullQuery,
  pushBodyLimit,
  pushRequest,
  syncFileContentType,
  syncPaths,
  type PullAnswer,
  type PushAnswer,
  type RefusedChange,
} from '../../src-shared/sync/protocol';
import type { DocumentFiles } from '../files/document-files';
import type { ServerDatabase } from '../store/schema';
import { acceptPush, readPull } from '../sync/sync-exchange';
import { fileReachable, viewScope } from '../permissions/file-references';
import { permissionsOf } from '../permissions/server-policy';
import { ApiError } from './api-error';
import { accountOf, deviceOf } from './authenticate';
import { parseBody } from './error-handler';

const refusalSummary = (r: RefusedChange) => (r.kind === 'field' ? `${r.entity}/${r.id}/${r.field}: ${r.action}` : `event ${r.documentId}/${r.eventId}: ${r.action}`);

const fileParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * The sync API (issue 7): a desktop pushes its changes in batches and pulls everyone's after its position; files go
 * up and down by their SHA-256, the server refusing bytes that do not hash to the name they came with. Every route
 * needs a device token (the /api/v1 hook).
 */
export async function registerSyncRoutes(api: FastifyInstance, ctx: { db: Kysely<ServerDatabase>; files: DocumentFiles; now(): Date }): Promise<void> {
  api.post(syncPaths.push, { bodyLimit: pushBodyLimit }, async (request): Promise<PushAnswer> => {
    const device = deviceOf(request);
    const account = accountOf(request);
    const batch = parseBody(pushRequest, request.body);
    const answer = await acceptPush(ctx.db, { deviceId: device.id, account }, batch, ctx.now().toISOString());
    request.log.info({ deviceId: device.id, fields: batch.fields.length, events: batch.events.length, accepted: answer.accepted, conflicts: answer.conflicts.length, refused: answer.refused.length }, 'sync push');
    // Each refusal on record: a laptop that kept working after a right was taken away, or a crafted push.
    if (answer.refused.length) request.log.warn({ deviceId: device.id, accountId: account.id, refused: answer.refused.map(refusalSummary) }, 'sync push refused by access permissions');
    return answer;
  });

  api.get(syncPaths.pull, async (request): Promise<PullAnswer> => {
    deviceOf(request);
    const q = parseBody(pullQuery, request.query);
    return readPull(ctx.db, accountOf(request), q.after, q.limit);
  });

  api.post(syncPaths.missingFiles, async (request) => {
    deviceOf(request);
    const { sha256 } = parseBody(missingFilesRequest, request.body);
    const missing: string[] = [];
    for (const sha of new Set(sha256)) if (!(await ctx.files.has(sha))) missing.push(sha);
    return { missing };
  });

  await api.register(async (scope) => {
    scope.addContentTypeParser(syncFileContentType, { parseAs: 'buffer', bodyLimit: maxSyncFileBytes }, (_request, body, done) => done(null, body));
    scope.put(syncPaths.file(':sha256'), { bodyLimit: maxSyncFileBytes }, async (request, reply) => {
      deviceOf(request);
      const { sha256 } = parseBody(fileParams, request.params);
      const bytes = request.body as Buffer;
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new ApiError('UPLOAD_HASH_MISMATCH');
      await ctx.files.put(bytes);
      return reply.code(204).send();
    });
  });

  api.get(syncPaths.file(':sha256'), async (request, reply) => {
    deviceOf(request);
    const { sha256 } = parseBody(fileParams, request.params);
    // Only a file something within the account's reach names (a document it may view, a template): as not found
    // otherwise, so the route tells nothing of another department's files.
    if (!(await fileReachable(ctx.db, viewScope(await permissionsOf(ctx.db, accountOf(request))), sha256))) {
      request.log.warn({ accountId: accountOf(request).id, sha256 }, 'file refused by access permissions');
      throw new ApiError('NOT_FOUND');
    }
    if (!(await ctx.files.has(sha256))) throw new ApiError('NOT_FOUND');
    const bytes = await ctx.files.read(sha256);
    return reply.type(syncFileContentType).send(Buffer.from(bytes));
  });
}

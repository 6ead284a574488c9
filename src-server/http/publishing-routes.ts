import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createUploadSchema, maxUploadBytes, publishRequestSchema, uploadChunkContentType, type UploadState } from '../../src-shared/company-server/publish';
import type { LinkOutbox } from '../publishing/link-messages';
import { cancelPublished, publishDocument } from '../publishing/publish';
import type { ServerFiles } from '../publishing/server-files';
import { createUploads } from '../publishing/uploads';
import type { ServerStore } from '../store/open-server-store';
import { ApiError } from './api-error';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';
import { documentInBody, documentInParams } from './route-documents';

export interface PublishingRouteOptions {
  store: ServerStore;
  files: ServerFiles;
  now(): Date;
  newId(): string;
  publicUrl(): string | undefined;
  outbox: LinkOutbox;
}

const idParams = z.object({ id: z.uuid() });
const offsetHeader = z.string().regex(/^(0|[1-9][0-9]{0,15})$/).transform(Number);

/** A publish carries the whole field layout; far more room than the API's usual 64 KB, still bounded. */
const publishBodyLimit = 2 * 1024 * 1024;

function withOffset(reply: { header(name: string, value: string): unknown }, state: UploadState): UploadState {
  reply.header('upload-offset', String(state.offset));
  reply.header('upload-length', String(state.size));
  reply.header('cache-control', 'no-store');
  return state;
}

/**
 * A paired desktop's publishing (issue 6, item 3): the resumable upload of the document's file (POST, HEAD, PATCH
 * /uploads, as tus does it), then the document itself (POST /documents, idempotent), and its withdrawal. Every route
 * needs the device's token (the /api/v1 hook); a device sees only its own uploads and documents. Publishing needs
 * documents.send on the document and withdrawing documents.cancelResend (route-permission.ts); an upload needs neither,
 * as a file is nobody's document until a publish names it.
 */
export async function registerPublishingRoutes(api: FastifyInstance, options: PublishingRouteOptions): Promise<void> {
  const uploads = createUploads({ db: options.store.db, files: options.files, now: options.now, newId: options.newId });
  const ctx = { db: options.store.db, files: options.files, now: options.now, newId: options.newId, publicUrl: options.publicUrl, outbox: options.outbox };

  await api.register(async (scope) => {
    // The chunk is streamed to disk as it arrives, not read whole first: bytes that came before a cut connection stay.
    scope.addContentTypeParser(uploadChunkContentType, (_request, payload, done) => done(null, payload));

    scope.post('/uploads', async (request, reply) => {
      const state = await uploads.start(deviceOf(request).id, parseBody(createUploadSchema, request.body));
      return reply.code(state.complete ? 200 : 201).send(withOffset(reply, state));
    });

    scope.head('/uploads/:id', async (request, reply) => {
      const { id } = parseBody(idParams, request.params);
      withOffset(reply, await uploads.state(deviceOf(request).id, id));
      return reply.code(200).send();
    });

    scope.patch('/uploads/:id', { bodyLimit: maxUploadBytes }, async (request, reply) => {
      const device = deviceOf(request);
      const { id } = parseBody(idParams, request.params);
      // Only the chunk type's parser hands over the stream; a JSON or other body is not a chunk.
      if (!(request.body instanceof Readable)) throw new ApiError('BAD_REQUEST');
      const offset = offsetHeader.safeParse(request.headers['upload-offset']);
      if (!offset.success) throw new ApiError('BAD_REQUEST', { issues: [{ path: 'Upload-Offset', messageKey: 'validation.invalid' }] });
      try {
        return withOffset(reply, await uploads.append(device.id, id, offset.data, request.body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UPLOAD_OFFSET_MISMATCH') reply.header('upload-offset', String(error.extra.values?.offset));
        throw error;
      }
    });

    scope.post('/documents', { bodyLimit: publishBodyLimit, config: { permission: { action: 'documents.send', document: documentInBody('documentId') } } }, async (request) => {
      const device = deviceOf(request);
      const answer = await publishDocument(ctx, device.id, parseBody(publishRequestSchema, request.body));
      request.log.info({ deviceId: device.id, publishedId: answer.publishedId, links: answer.links.length }, 'document published');
      return answer;
    });

    scope.post('/documents/:id/cancel', { config: { permission: { action: 'documents.cancelResend', document: documentInParams('id') } } }, async (request) => {
      const device = deviceOf(request);
      const { id } = parseBody(idParams, request.params);
      return cancelPublished(ctx, device.id, id);
    });
  });
}

import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely, Selectable } from 'kysely';
import { maxUploadBytes, maxUploadMb, type CreateUpload, type UploadState } from '../../src-shared/company-server/publish';
import { ApiError } from '../http/api-error';
import type { ServerDatabase } from '../store/schema';
import type { UploadTable } from '../store/publishing-schema';
import type { ServerFiles } from './server-files';

export interface UploadContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
  newId(): string;
}

export interface Uploads {
  /** Makes an upload, or finds this device's upload of the same file (a dropped upload resumes where it stopped). */
  start(deviceId: string, request: CreateUpload): Promise<UploadState>;
  /** Where the next chunk goes (HEAD). */
  state(deviceId: string, uploadId: string): Promise<UploadState>;
  /** Appends `body` at `offset`; the last chunk has the file checked against its SHA-256 and stored. */
  append(deviceId: string, uploadId: string, offset: number, body: Readable): Promise<UploadState>;
}

type Row = Selectable<UploadTable>;

/**
 * How long a chunk being written keeps others off its upload. Writing ends (the chunk stored, or what arrived of it)
 * long before; the lease only runs out when the instance writing it died, and then lets any instance take over.
 */
export const chunkWriteLeaseMs = 5 * 60_000;

/**
 * Resumable uploads, tus-like, with all their state in the database so that any instance behind a load balancer takes
 * any chunk: each chunk is a row, the upload's `received` the offset. Whatever reached the server before a connection
 * was cut (or it was stopped) counts, so the desktop asks HEAD and goes on from there. The file is checked against the
 * SHA-256 it was announced with once whole; a mismatch discards the upload, since no chunk can be told apart as the
 * wrong one. One chunk at a time per upload (a lease in its row): a second is answered with the offset to retry from.
 */
export function createUploads(ctx: UploadContext): Uploads {
  const stateOf = (row: Row): UploadState => ({
    uploadId: row.id,
    size: row.size,
    offset: row.completed_at ? row.size : row.received,
    complete: row.completed_at !== null,
  });

  const own = async (deviceId: string, uploadId: string): Promise<Row> => {
    const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).where('device_id', '=', deviceId).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND');
    return row;
  };

  const mismatch = (row: Row) => new ApiError('UPLOAD_OFFSET_MISMATCH', { values: { offset: stateOf(row).offset } });

  /** Takes the upload for a chunk at `offset`: only where the upload stands, and only when no other chunk is being written. */
  const claim = async (row: Row, offset: number): Promise<boolean> => {
    const now = ctx.now();
    const taken = await ctx.db
      .updateTable('uploads')
      .set({ writing_until: new Date(now.getTime() + chunkWriteLeaseMs).toISOString() })
      .where('id', '=', row.id)
      .where('completed_at', 'is', null)
      .where('received', '=', offset)
      .where((eb) => eb.or([eb('writing_until', 'is', null), eb('writing_until', '<=', now.toISOString())]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  };

  /**
   * Stores what arrived of a chunk and lets the upload go, in one transaction. The offset is checked again: a lease that
   * ran out (this instance stalled) may have let another write there meanwhile, and its bytes stand.
   */
  const record = async (row: Row, offset: number, bytes: Buffer): Promise<number> => {
    const stored = await ctx.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('uploads')
        .set({ received: offset + bytes.length, writing_until: null, ...(bytes.length > 0 ? { updated_at: ctx.now().toISOString() } : {}) })
        .where('id', '=', row.id)
        .where('received', '=', offset)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      if (bytes.length > 0) await trx.insertInto('upload_chunks').values({ upload_id: row.id, offset, bytes }).execute();
      return true;
    });
    // Asked outside the transaction: on SQLite its one connection is the transaction's until it ends.
    if (!stored) throw mismatch(await own(row.device_id, row.id));
    return offset + bytes.length;
  };

  const discard = async (row: Row) => {
    // Its chunks go with it (on delete cascade).
    await ctx.db.deleteFrom('uploads').where('id', '=', row.id).execute();
  };

  /** The whole file: checked, then stored under its hash; its chunks go. */
  const complete = async (row: Row): Promise<UploadState> => {
    const chunks = await ctx.db.selectFrom('upload_chunks').select('bytes').where('upload_id', '=', row.id).orderBy('offset').execute();
    const bytes = Buffer.concat(chunks.map((chunk) => chunk.bytes));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== row.sha256 || bytes.length !== row.size) {
      await discard(row);
      throw new ApiError('UPLOAD_HASH_MISMATCH', { values: { expected: row.sha256, actual } });
    }
    await ctx.files.files.put(bytes);
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('uploads').set({ completed_at: at }).where('id', '=', row.id).execute();
      await trx.deleteFrom('upload_chunks').where('upload_id', '=', row.id).execute();
    });
    return { uploadId: row.id, size: row.size, offset: row.size, complete: true };
  };

  /**
   * Where an upload stands, completing one that holds every byte but was never completed: the server stopped, or
   * storing the file failed, between the last chunk and `complete`. Else the desktop, told the offset is the size,
   * would publish a file the server does not count as uploaded, again and again. Checked like any last chunk.
   */
  const settle = async (row: Row): Promise<UploadState> => {
    const state = stateOf(row);
    if (state.complete || state.offset < row.size) return state;
    return complete(row);
  };

  return {
    async start(deviceId, { sha256, size }) {
      if (size > maxUploadBytes) throw new ApiError('UPLOAD_TOO_LARGE', { values: { limitMb: maxUploadMb } });
      let row = await ctx.db.selectFrom('uploads').selectAll().where('device_id', '=', deviceId).where('sha256', '=', sha256).executeTakeFirst();
      if (row && row.size !== size) {
        // The same hash announced with another size is a client's mistake; what it sent before cannot be this file.
        await discard(row);
        row = undefined;
      }
      // Only this device's own completed upload skips the bytes. A file another device stored is not looked at: were it
      // taken as sent, a device would learn that a file exists (and its size) from its hash alone, and could publish
      // bytes it never had. It sends them like any other; the hash check and the content-addressed store do the rest.
      if (!row) {
        const at = ctx.now().toISOString();
        await ctx.db
          .insertInto('uploads')
          .values({ id: ctx.newId(), device_id: deviceId, sha256, size, created_at: at, completed_at: null })
          .onConflict((oc) => oc.columns(['device_id', 'sha256']).doNothing())
          .execute();
        row = await ctx.db.selectFrom('uploads').selectAll().where('device_id', '=', deviceId).where('sha256', '=', sha256).executeTakeFirstOrThrow();
      }
      return settle(row);
    },

    async state(deviceId, uploadId) {
      return settle(await own(deviceId, uploadId));
    },

    async append(deviceId, uploadId, offset, body) {
      const row = await own(deviceId, uploadId);
      if (!(await claim(row, offset))) {
        body.resume();
        throw mismatch(await own(deviceId, uploadId));
      }
      const arrived: Buffer[] = [];
      let failure: unknown = null;
      try {
        await pipeline(body, limitTo(row.size - offset), async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) arrived.push(chunk);
        });
      } catch (error) {
        // What arrived before a cut connection stays: the next HEAD reports it.
        failure = error;
      }
      let received: number;
      try {
        received = await record(row, offset, Buffer.concat(arrived));
      } catch (error) {
        // Not stored: the lease goes, so the desktop's retry is not kept waiting for it to run out.
        await ctx.db.updateTable('uploads').set({ writing_until: null }).where('id', '=', row.id).where('received', '=', offset).execute().catch(() => {});
        throw error;
      }
      if (failure) throw failure;
      if (received < row.size) return { uploadId: row.id, size: row.size, offset: received, complete: false };
      return complete({ ...row, received });
    },
  };
}

/** Passes at most `limit` bytes; more is the client writing past the size it announced. */
function limitTo(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new ApiError('BAD_REQUEST', { messageKey: 'companyServer.api.uploadBeyondSize' }));
      else done(null, chunk);
    },
  });
}

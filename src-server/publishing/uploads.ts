import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
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
 * Resumable uploads, tus-like. The part file on disk is the truth about the offset: whatever reached it before a
 * connection was cut (or the server was stopped) counts, so the desktop asks HEAD and goes on from there. The file is
 * checked against the SHA-256 it was announced with once whole; a mismatch discards the upload, since no chunk can be
 * told apart as the wrong one. One chunk at a time per upload: a second is answered with the offset to retry from.
 */
export function createUploads(ctx: UploadContext): Uploads {
  const busy = new Set<string>();
  const partOf = (id: string) => path.join(ctx.files.uploadsDir, `${id}.part`);

  const stateOf = async (row: Row): Promise<UploadState> => ({
    uploadId: row.id,
    size: row.size,
    offset: row.completed_at ? row.size : await partSize(partOf(row.id)),
    complete: row.completed_at !== null,
  });

  const own = async (deviceId: string, uploadId: string): Promise<Row> => {
    const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).where('device_id', '=', deviceId).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND');
    return row;
  };

  const discard = async (row: Row) => {
    await ctx.db.deleteFrom('uploads').where('id', '=', row.id).execute();
    await fsp.rm(partOf(row.id), { force: true });
  };

  /** The whole file: checked, then stored under its hash; the part file goes. */
  const complete = async (row: Row): Promise<UploadState> => {
    const bytes = await fsp.readFile(partOf(row.id));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== row.sha256) {
      await discard(row);
      throw new ApiError('UPLOAD_HASH_MISMATCH', { values: { expected: row.sha256, actual } });
    }
    await ctx.files.files.put(bytes);
    const at = ctx.now().toISOString();
    await ctx.db.updateTable('uploads').set({ completed_at: at }).where('id', '=', row.id).execute();
    await fsp.rm(partOf(row.id), { force: true });
    return { uploadId: row.id, size: row.size, offset: row.size, complete: true };
  };

  /**
   * Where an upload stands, completing one whose part file is whole but whose row never was: the server stopped, or
   * storing the file failed, between the last chunk's sync and `complete`. Else the desktop, told the offset is the
   * size, would publish a file the server does not count as uploaded, again and again. Checked like any last chunk.
   */
  const settle = async (row: Row): Promise<UploadState> => {
    const state = await stateOf(row);
    if (state.complete || state.offset < row.size || busy.has(row.id)) return state;
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
        await fsp.mkdir(ctx.files.uploadsDir, { recursive: true });
        const id = ctx.newId();
        const at = ctx.now().toISOString();
        await ctx.db
          .insertInto('uploads')
          .values({ id, device_id: deviceId, sha256, size, created_at: at, completed_at: null })
          .onConflict((oc) => oc.columns(['device_id', 'sha256']).doNothing())
          .execute();
        row = await ctx.db.selectFrom('uploads').selectAll().where('device_id', '=', deviceId).where('sha256', '=', sha256).executeTakeFirstOrThrow();
        if (!row.completed_at) await fsp.writeFile(partOf(row.id), new Uint8Array(), { flag: 'a' });
      }
      return settle(row);
    },

    async state(deviceId, uploadId) {
      return settle(await own(deviceId, uploadId));
    },

    async append(deviceId, uploadId, offset, body) {
      const row = await own(deviceId, uploadId);
      const current = await stateOf(row);
      if (busy.has(row.id) || row.completed_at || offset !== current.offset) {
        body.resume();
        throw new ApiError('UPLOAD_OFFSET_MISMATCH', { values: { offset: current.offset } });
      }
      busy.add(row.id);
      try {
        const part = partOf(row.id);
        try {
          await pipeline(body, limitTo(row.size - offset), fs.createWriteStream(part, { flags: 'r+', start: offset }));
        } finally {
          // What arrived before a cut connection stays, on disk for good: the next HEAD reports it.
          await syncFile(part);
        }
        const written = await partSize(part);
        if (written < row.size) return { uploadId: row.id, size: row.size, offset: written, complete: false };
        return await complete(row);
      } finally {
        busy.delete(row.id);
      }
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

async function partSize(part: string): Promise<number> {
  try {
    return (await fsp.stat(part)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // Lost (a data folder restored without its uploads): start the file again.
    await fsp.mkdir(path.dirname(part), { recursive: true });
    await fsp.writeFile(part, new Uint8Array());
    return 0;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

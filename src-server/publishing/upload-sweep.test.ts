import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadChunkContentType, uploadStateSchema } from '../../src-shared/company-server/publish';
import type { Log } from '../../src-main/app/log';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { serverFiles } from './server-files';
import { abandonedUploadMs, startUploadSweep, sweepAbandonedUploads } from './upload-sweep';

/** Uploads given up part way, made over real HTTP; their part files aged by hand, the sweep's clock the test's. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const madeAt = new Date('2026-03-01T09:00:00Z');
const hour = 60 * 60_000;

async function setup() {
  const server = await startTestServer({ now: () => madeAt });
  servers.push(server);
  const device = await pairDevice(server);
  const uploadsDir = serverFiles(server.dataDir).uploadsDir;
  /** An upload with `sent` of its bytes on the server, its part file last written at `writtenAt`. */
  const upload = async (sent: number, writtenAt: Date) => {
    const file = randomBytes(1000);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const started = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size: file.length }) })).json());
    if (sent > 0) await patch(device, started.uploadId, file.subarray(0, sent));
    const part = path.join(uploadsDir, `${started.uploadId}.part`);
    if (fs.existsSync(part)) fs.utimesSync(part, writtenAt, writtenAt);
    return { id: started.uploadId, part };
  };
  const ids = async () => (await server.store.db.selectFrom('uploads').select('id').orderBy('id').execute()).map((r) => r.id);
  return { server, device, uploadsDir, upload, ids };
}

const patch = (device: PairedDevice, id: string, chunk: Uint8Array) =>
  device.fetch(`/api/v1/uploads/${id}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': '0' }, body: chunk });

describe('the sweep of abandoned uploads', () => {
  it('removes uploads and part files untouched for a day, keeps recent ones and completed uploads', async () => {
    const { server, device, uploadsDir, upload, ids } = await setup();
    const sweptAt = new Date(madeAt.getTime() + 30 * hour);
    const old = new Date(sweptAt.getTime() - abandonedUploadMs - hour);
    const recent = new Date(sweptAt.getTime() - hour);

    const abandoned = await upload(400, old);
    const resuming = await upload(400, recent);
    await upload(0, old); // started, never written to
    const lost = await upload(400, old);
    fs.rmSync(lost.part); // its row's creation, 30 hours before, is all that is left to go by
    const whole = randomBytes(10);
    const done = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: createHash('sha256').update(whole).digest('hex'), size: whole.length }) })).json());
    expect((await patch(device, done.uploadId, whole)).status).toBe(200);
    // A part file no upload names any more (a crash between a row's removal and its file's), old and recent.
    fs.writeFileSync(path.join(uploadsDir, 'orphan-old.part'), 'x');
    fs.utimesSync(path.join(uploadsDir, 'orphan-old.part'), old, old);
    fs.writeFileSync(path.join(uploadsDir, 'orphan-new.part'), 'x');
    fs.utimesSync(path.join(uploadsDir, 'orphan-new.part'), recent, recent);

    const removed = await sweepAbandonedUploads({ db: server.store.db, uploadsDir, now: () => sweptAt });
    expect(removed).toBe(3); // abandoned's, neverWritten's and the old orphan
    expect(await ids()).toEqual([resuming.id, done.uploadId].sort());
    expect(fs.readdirSync(uploadsDir).sort()).toEqual([`${resuming.id}.part`, 'orphan-new.part'].sort());
    expect((await device.fetch(`/api/v1/uploads/${abandoned.id}`, { method: 'HEAD' })).status).toBe(404);
    const head = await device.fetch(`/api/v1/uploads/${resuming.id}`, { method: 'HEAD' });
    expect(head.headers.get('upload-offset')).toBe('400');
    // The completed upload still lets its device publish: the row stays.
    expect(await server.store.db.selectFrom('uploads').select('completed_at').where('id', '=', done.uploadId).executeTakeFirst()).toEqual({ completed_at: madeAt.toISOString() });
  });

  it('sweeps once at start and stops after the sweep in progress', async () => {
    const { server, uploadsDir, upload, ids } = await setup();
    const abandoned = await upload(100, new Date(Date.now() - abandonedUploadMs - hour));
    const logged: string[] = [];
    const log: Log = { info: (msg) => void logged.push(msg), warn: (msg) => void logged.push(msg), error: (msg) => void logged.push(msg) };
    const sweep = startUploadSweep({ db: server.store.db, uploadsDir, now: () => new Date(), log });
    await sweep.stop();
    expect(await ids()).not.toContain(abandoned.id);
    expect(fs.existsSync(abandoned.part)).toBe(false);
    expect(logged).toEqual(['abandoned uploads removed']);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadChunkContentType, uploadStateSchema } from '../../src-shared/company-server/publish';
import type { Log } from '../../src-main/app/log';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { abandonedUploadMs, removeLegacyPartFiles, startUploadSweep, sweepAbandonedUploads } from './upload-sweep';

/** Uploads given up part way, made over real HTTP at a clock the test moves; the sweep's clock the test's too. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const madeAt = new Date('2026-03-01T09:00:00Z');
const hour = 60 * 60_000;

async function setup() {
  let clock = madeAt;
  const server = await startTestServer({ now: () => clock });
  servers.push(server);
  const device = await pairDevice(server);
  /** An upload made at `madeAt`, with `sent` of its bytes sent at `writtenAt`. */
  const upload = async (sent: number, writtenAt = madeAt) => {
    clock = madeAt;
    const file = randomBytes(1000);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const started = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size: file.length }) })).json());
    clock = writtenAt;
    if (sent > 0) expect((await patch(device, started.uploadId, file.subarray(0, sent))).status).toBe(200);
    return { id: started.uploadId };
  };
  const ids = async () => (await server.store.db.selectFrom('uploads').select('id').orderBy('id').execute()).map((r) => r.id);
  const chunksOf = async (id: string) => (await server.store.db.selectFrom('upload_chunks').select('offset').where('upload_id', '=', id).execute()).length;
  return { server, device, upload, ids, chunksOf };
}

const patch = (device: PairedDevice, id: string, chunk: Uint8Array) =>
  device.fetch(`/api/v1/uploads/${id}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': '0' }, body: chunk });

describe('the sweep of abandoned uploads', () => {
  it('removes uploads (and their chunks) untouched for a day, keeps recent ones and completed uploads', async () => {
    const { server, device, upload, ids, chunksOf } = await setup();
    const sweptAt = new Date(madeAt.getTime() + 30 * hour);
    const old = new Date(sweptAt.getTime() - abandonedUploadMs - hour);
    const recent = new Date(sweptAt.getTime() - hour);

    const abandoned = await upload(400, old);
    // Made 30 hours before the sweep, but its last chunk arrived an hour before it: alive.
    const resuming = await upload(400, recent);
    const neverWritten = await upload(0);
    const whole = randomBytes(10);
    const done = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: createHash('sha256').update(whole).digest('hex'), size: whole.length }) })).json());
    expect((await patch(device, done.uploadId, whole)).status).toBe(200);
    expect(await chunksOf(abandoned.id)).toBe(1);

    const removed = await sweepAbandonedUploads({ db: server.store.db, now: () => sweptAt });
    expect(removed).toBe(2);
    expect(await ids()).toEqual([resuming.id, done.uploadId].sort());
    expect(await ids()).not.toContain(neverWritten.id);
    expect(await chunksOf(abandoned.id)).toBe(0);
    expect((await device.fetch(`/api/v1/uploads/${abandoned.id}`, { method: 'HEAD' })).status).toBe(404);
    const head = await device.fetch(`/api/v1/uploads/${resuming.id}`, { method: 'HEAD' });
    expect(head.headers.get('upload-offset')).toBe('400');
    // The completed upload still lets its device publish: the row stays.
    expect(await server.store.db.selectFrom('uploads').select('completed_at').where('id', '=', done.uploadId).executeTakeFirst()).toEqual({ completed_at: madeAt.toISOString() });
  });

  it('sweeps once at start and stops after the sweep in progress', async () => {
    const { server, upload, ids } = await setup();
    const abandoned = await upload(100);
    const logged: string[] = [];
    const log: Log = { info: (msg) => void logged.push(msg), warn: (msg) => void logged.push(msg), error: (msg) => void logged.push(msg) };
    const sweep = startUploadSweep({ db: server.store.db, now: () => new Date(madeAt.getTime() + abandonedUploadMs + hour), log });
    await sweep.stop();
    expect(await ids()).not.toContain(abandoned.id);
    expect(logged).toEqual(['abandoned uploads removed']);
  });

  it('removes the part files a server before migration 012 kept in DIR/uploads, and nothing else', async () => {
    const { server } = await setup();
    fs.mkdirSync(path.join(server.dataDir, 'uploads'));
    fs.writeFileSync(path.join(server.dataDir, 'uploads', 'a1b2.part'), 'half a contract');
    const kept = fs.readdirSync(server.dataDir).filter((name) => name !== 'uploads');
    await removeLegacyPartFiles(server.dataDir);
    expect(fs.existsSync(path.join(server.dataDir, 'uploads'))).toBe(false);
    expect(fs.readdirSync(server.dataDir)).toEqual(kept);
    // Again, with nothing left: no error.
    await removeLegacyPartFiles(server.dataDir);
  });
});

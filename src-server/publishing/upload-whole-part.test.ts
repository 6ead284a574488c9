import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { uploadStateSchema } from '../../src-shared/company-server/publish';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { serverFiles } from './server-files';

/**
 * An upload whose last chunk was stored but whose row was never completed: the server stopped, or
 * storing the file failed, in between. HEAD and POST /uploads complete it (hash-checked), so the publish that follows
 * finds the file instead of answering FILE_NOT_UPLOADED for ever.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An upload started over HTTP that then holds `part` whole (two chunks), as if `complete` never ran. */
async function stuck(file: Uint8Array, part: Uint8Array = file): Promise<{ server: TestServer; device: PairedDevice; uploadId: string }> {
  const server = await startTestServer();
  servers.push(server);
  const device = await pairDevice(server);
  const started = await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: sha(file), size: file.length }) });
  const { uploadId } = uploadStateSchema.parse(await started.json());
  const half = Math.floor(part.length / 2);
  await server.store.db
    .insertInto('upload_chunks')
    .values([
      { upload_id: uploadId, offset: 0, bytes: Buffer.from(part.subarray(0, half)) },
      { upload_id: uploadId, offset: half, bytes: Buffer.from(part.subarray(half)) },
    ])
    .execute();
  await server.store.db.updateTable('uploads').set({ received: part.length }).where('id', '=', uploadId).execute();
  return { server, device, uploadId };
}

const row = (server: TestServer, id: string) => server.store.db.selectFrom('uploads').select(['completed_at']).where('id', '=', id).executeTakeFirst();

describe('an upload whose part file is whole but never completed', () => {
  it('is completed by HEAD: the file is checked and stored, and POST /uploads then says complete', async () => {
    const file = randomBytes(50_000);
    const { server, device, uploadId } = await stuck(file);
    expect((await row(server, uploadId))?.completed_at).toBeNull();

    const head = await device.fetch(`/api/v1/uploads/${uploadId}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(file.length));
    expect((await row(server, uploadId))?.completed_at).not.toBeNull();
    expect(await serverFiles(server.dataDir).files.has(sha(file))).toBe(true);

    const again = await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: sha(file), size: file.length }) });
    expect(again.status).toBe(200);
    expect(uploadStateSchema.parse(await again.json())).toMatchObject({ uploadId, complete: true, offset: file.length });
  });

  it('is completed by POST /uploads of the same file', async () => {
    const file = randomBytes(50_000);
    const { server, device, uploadId } = await stuck(file);
    const answer = await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: sha(file), size: file.length }) });
    expect(answer.status).toBe(200);
    expect(uploadStateSchema.parse(await answer.json())).toMatchObject({ uploadId, complete: true, offset: file.length });
    expect((await row(server, uploadId))?.completed_at).not.toBeNull();
    expect(await serverFiles(server.dataDir).files.has(sha(file))).toBe(true);
  });

  it('whose bytes are not the file announced is discarded as a last chunk would be', async () => {
    const file = randomBytes(50_000);
    const { server, device, uploadId } = await stuck(file, randomBytes(file.length));
    const answer = await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: sha(file), size: file.length }) });
    expect(answer.status).toBe(422);
    expect(apiErrorSchema.parse(await answer.json()).error.code).toBe('UPLOAD_HASH_MISMATCH');
    expect(await row(server, uploadId)).toBeUndefined();
    // Its chunks went with it.
    expect(await server.store.db.selectFrom('upload_chunks').select('offset').where('upload_id', '=', uploadId).execute()).toEqual([]);
    expect(await serverFiles(server.dataDir).files.has(sha(file))).toBe(false);
  });
});

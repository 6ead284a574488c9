import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { maxUploadBytes, uploadChunkContentType, uploadStateSchema } from '../../src-shared/company-server/publish';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { serverFiles } from './server-files';

/** The resumable upload over real HTTP on a loopback port, against the real store and files in a temporary folder. */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup(): Promise<{ server: TestServer; device: PairedDevice }> {
  const server = await startTestServer();
  servers.push(server);
  return { server, device: await pairDevice(server) };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function start(device: PairedDevice, sha256: string, size: number) {
  const response = await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size }) });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function head(device: PairedDevice, id: string): Promise<number> {
  const response = await device.fetch(`/api/v1/uploads/${id}`, { method: 'HEAD' });
  expect(response.status).toBe(200);
  return Number(response.headers.get('upload-offset'));
}

function patch(device: PairedDevice, id: string, offset: number, chunk: Uint8Array) {
  return device.fetch(`/api/v1/uploads/${id}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': String(offset) }, body: chunk });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never met');
}

describe('resumable upload', () => {
  it('resumes after the connection is cut mid-body: HEAD tells the offset, the rest completes it, the hash is checked and the file stored', async () => {
    const { server, device } = await setup();
    const file = randomBytes(300_000);
    const first = await start(device, sha(file), file.length);
    expect(first.status).toBe(201);
    const { uploadId, offset } = uploadStateSchema.parse(first.body);
    expect(offset).toBe(0);

    // A chunk announced whole (Content-Length) of which only the first 120 000 bytes are sent before the socket goes.
    const url = new URL(`${server.url}/api/v1/uploads/${uploadId}`);
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PATCH', headers: { authorization: `Bearer ${device.token}`, 'content-type': uploadChunkContentType, 'upload-offset': '0', 'content-length': String(file.length) } });
    request.on('error', () => {});
    await new Promise<void>((resolve, reject) => request.write(file.subarray(0, 120_000), (error) => (error ? reject(error) : resolve())));
    request.destroy();
    // What reached the server before the cut is stored (the bytes on their way are delivered before the close).
    await until(async () => (await head(device, uploadId)) === 120_000);

    // The dropped upload resumes, not restarts: the same upload again, at the bytes that arrived.
    const again = uploadStateSchema.parse((await start(device, sha(file), file.length)).body);
    expect(again).toEqual({ uploadId, offset: 120_000, size: file.length, complete: false });
    expect(await head(device, uploadId)).toBe(120_000);

    // The cut chunk let the upload go when it stored what arrived: the rest is taken at once.
    const finished = await patch(device, uploadId, 120_000, file.subarray(120_000));
    expect(finished.status).toBe(200);
    expect(uploadStateSchema.parse(await finished.json())).toEqual({ uploadId, offset: file.length, size: file.length, complete: true });
    const stored = serverFiles(server.dataDir).files;
    expect(Buffer.from(await stored.read(sha(file))).equals(file)).toBe(true);
    // Stored, its chunks go: the database keeps only the upload's row.
    expect(await server.store.db.selectFrom('upload_chunks').select('offset').execute()).toEqual([]);

    // Stored: asking again answers complete at once, with nothing to send.
    expect(uploadStateSchema.parse((await start(device, sha(file), file.length)).body)).toMatchObject({ offset: file.length, complete: true });
  });

  it('refuses a second chunk while one is being written (409 with the offset), and takes one whose writer’s lease ran out', async () => {
    const { server, device } = await setup();
    const file = randomBytes(200_000);
    const { uploadId } = uploadStateSchema.parse((await start(device, sha(file), file.length)).body);
    const url = new URL(`${server.url}/api/v1/uploads/${uploadId}`);
    const slow = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PATCH', headers: { authorization: `Bearer ${device.token}`, 'content-type': uploadChunkContentType, 'upload-offset': '0', 'content-length': String(file.length) } });
    slow.on('error', () => {});
    slow.write(file.subarray(0, 1000));
    const lease = () => server.store.db.selectFrom('uploads').select('writing_until').where('id', '=', uploadId).executeTakeFirstOrThrow();
    await until(async () => (await lease()).writing_until !== null);

    const second = await patch(device, uploadId, 0, file);
    expect(second.status).toBe(409);
    expect(second.headers.get('upload-offset')).toBe('0');

    // The instance writing it died (its lease is left behind, in the past): any instance takes the upload again.
    await server.store.db.updateTable('uploads').set({ writing_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', uploadId).execute();
    const taken = await patch(device, uploadId, 0, file);
    expect(taken.status).toBe(200);
    expect(uploadStateSchema.parse(await taken.json())).toMatchObject({ offset: file.length, complete: true });
    // The stalled writer, ending now, finds the offset moved: its bytes are refused (409), the stored file stands.
    const late = new Promise<http.IncomingMessage>((resolve) => slow.on('response', resolve));
    slow.end(file.subarray(1000));
    const answer = await late;
    answer.resume();
    expect(answer.statusCode).toBe(409);
    expect(answer.headers['upload-offset']).toBe(String(file.length));
    expect(Buffer.from(await serverFiles(server.dataDir).files.read(sha(file))).equals(file)).toBe(true);
    expect(await head(device, uploadId)).toBe(file.length);
  });

  it('answers a chunk at the wrong offset with 409 and the offset to send from', async () => {
    const { device } = await setup();
    const file = randomBytes(1000);
    const { uploadId } = uploadStateSchema.parse((await start(device, sha(file), file.length)).body);
    expect((await patch(device, uploadId, 0, file.subarray(0, 400))).status).toBe(200);
    const wrong = await patch(device, uploadId, 500, file.subarray(500));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe('400');
    expect(apiErrorSchema.parse(await wrong.json()).error).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', values: { offset: 400 } });
    expect(await head(device, uploadId)).toBe(400);
    expect((await patch(device, uploadId, 400, file.subarray(400))).status).toBe(200);
  });

  it('discards an upload whose bytes do not hash to what was announced, with a clear error', async () => {
    const { server, device } = await setup();
    const file = randomBytes(2000);
    const other = randomBytes(2000);
    const { uploadId } = uploadStateSchema.parse((await start(device, sha(file), file.length)).body);
    const answer = await patch(device, uploadId, 0, other);
    expect(answer.status).toBe(422);
    expect(apiErrorSchema.parse(await answer.json()).error).toMatchObject({ code: 'UPLOAD_HASH_MISMATCH', messageKey: 'companyServer.api.uploadHashMismatch', values: { expected: sha(file), actual: sha(other) } });
    expect(await serverFiles(server.dataDir).files.has(sha(other))).toBe(false);
    expect(await serverFiles(server.dataDir).files.has(sha(file))).toBe(false);
    expect((await device.fetch(`/api/v1/uploads/${uploadId}`, { method: 'HEAD' })).status).toBe(404);
    // A fresh start makes a new upload from zero.
    expect(uploadStateSchema.parse((await start(device, sha(file), file.length)).body)).toMatchObject({ offset: 0, complete: false });
  });

  it('refuses a file over the limit, bytes past the announced size, another device’s upload and a request without a token', async () => {
    const { server, device } = await setup();
    const tooBig = await start(device, 'a'.repeat(64), maxUploadBytes + 1);
    expect(tooBig.status).toBe(413);
    expect(apiErrorSchema.parse(tooBig.body).error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', values: { limitMb: 100 } });

    const file = randomBytes(100);
    const { uploadId } = uploadStateSchema.parse((await start(device, sha(file), file.length)).body);
    const past = await patch(device, uploadId, 0, Buffer.concat([file, Buffer.from('more')]));
    expect(past.status).toBe(400);
    expect(apiErrorSchema.parse(await past.json()).error.messageKey).toBe('companyServer.api.uploadBeyondSize');

    const other = await pairDevice(server, 'Księgowość');
    expect((await other.fetch(`/api/v1/uploads/${uploadId}`, { method: 'HEAD' })).status).toBe(404);
    expect((await patch(other, uploadId, 0, file)).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/v1/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256: sha(file), size: 100 }) });
    expect(anonymous.status).toBe(401);
  });
});

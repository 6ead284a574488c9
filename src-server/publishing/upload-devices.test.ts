import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { publishResponseSchema, uploadChunkContentType, uploadStateSchema, type PublishRequest } from '../../src-shared/company-server/publish';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';

/**
 * A file is this device's once this device has sent its bytes: another device having stored the same file before
 * neither spares the upload nor tells anything about that file. Over real HTTP against the real store and files.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const json = { 'content-type': 'application/json' };

async function start(device: PairedDevice, sha256: string, size: number) {
  const response = await device.fetch('/api/v1/uploads', { method: 'POST', headers: json, body: JSON.stringify({ sha256, size }) });
  const state = uploadStateSchema.parse(await response.json());
  // 201 for an upload that still wants bytes, 200 for one already complete.
  expect(response.status).toBe(state.complete ? 200 : 201);
  return state;
}

const patch = (device: PairedDevice, id: string, offset: number, chunk: Uint8Array) =>
  device.fetch(`/api/v1/uploads/${id}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': String(offset) }, body: chunk });

function publish(device: PairedDevice, fileSha256: string, documentId: string) {
  const body: PublishRequest = {
    documentId,
    title: 'Umowa o zachowaniu poufności',
    number: 'UM/2026/03/0008',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256,
    layout: { fields: [{ id: 'f1', kind: 'signature', page: 0, rect: { x: 50, y: 50, width: 180, height: 50 }, signerId: 'company-1', required: true }] },
    signers: [{ id: '21', ref: 'company-1', side: 'company', name: 'Anna Nowak', channel: 'app', language: 'pl' }],
    order: 'parallel',
    expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  };
  return device.fetch('/api/v1/documents', { method: 'POST', headers: json, body: JSON.stringify(body) });
}

describe('uploads of a file another device stored', () => {
  it('start from zero for the second device, which cannot publish it until it has sent the bytes itself', async () => {
    const server = await startTestServer({ publicUrl: 'https://sign.example.com' });
    servers.push(server);
    const first = await pairDevice(server, 'Recepcja');
    const second = await pairDevice(server, 'Księgowość');
    const file = randomBytes(3000);
    const mine = await start(first, sha(file), file.length);
    expect((await patch(first, mine.uploadId, 0, file)).status).toBe(200);

    // The second device is told nothing about the stored file: an upload from zero, as for any file.
    const theirs = await start(second, sha(file), file.length);
    expect(theirs).toMatchObject({ offset: 0, complete: false });
    expect(theirs.uploadId).not.toBe(mine.uploadId);
    const refused = await publish(second, sha(file), '5d2c7a1e-3f4b-4c6d-8e9f-0a1b2c3d4e5f');
    expect(refused.status).toBe(409);
    expect(apiErrorSchema.parse(await refused.json()).error.code).toBe('FILE_NOT_UPLOADED');

    // Announced with another size, still nothing about the stored one (its size was in the answer before).
    expect(await start(second, sha(file), file.length + 1)).toMatchObject({ offset: 0, size: file.length + 1, complete: false });

    // Once it has sent the bytes, they are checked like any upload's, and it may publish.
    const again = await start(second, sha(file), file.length);
    const done = await patch(second, again.uploadId, 0, file);
    expect(uploadStateSchema.parse(await done.json())).toMatchObject({ offset: file.length, complete: true });
    expect(await start(second, sha(file), file.length)).toMatchObject({ uploadId: again.uploadId, complete: true });
    const published = await publish(second, sha(file), '5d2c7a1e-3f4b-4c6d-8e9f-0a1b2c3d4e5f');
    expect(published.status).toBe(200);
    expect(publishResponseSchema.parse(await published.json()).state).toBe('open');
  });
});

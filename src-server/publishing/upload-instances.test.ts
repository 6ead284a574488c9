import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadStateSchema } from '../../src-shared/company-server/publish';
import { tempDir } from '../../src-main/test-support/temp-services';
import { clientFor } from '../../src-main/services/company-server/client';
import { uploadFile } from '../../src-main/services/company-server/publish-upload';
import { pairDevice } from '../test-support/paired-device';
import { createPostgresDatabase } from '../test-support/postgres';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { filesInBucket } from '../test-support/files-in-bucket';
import { serverFiles } from './server-files';

/*
 * Two server instances, each with its own data folder, sharing only a PostgreSQL database and a bucket (the S3
 * stand-in), behind a balancer that sends each request to the next instance in turn (issue 7, item 3): the desktop's
 * real upload loop sends a file chunk by chunk, every other chunk reaching the other instance, and the file arrives
 * whole. Before migration 012 each instance kept the chunks in its own DIR/uploads and the second chunk was refused.
 */
const bucket = filesInBucket('AKIAUPLOADS', 'uploads-secret');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Forwards each request, whole, to the next of `targets`; counts what each was sent. */
async function roundRobin(targets: string[]): Promise<{ url: string; sent: number[] }> {
  const sent = targets.map(() => 0);
  let next = 0;
  const balancer = http.createServer((request, response) => {
    const index = next++ % targets.length;
    sent[index]! += 1;
    const target = new URL(request.url ?? '/', targets[index]);
    const forwarded = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => balancer.close(() => resolve())));
  return { url: `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`, sent };
}

async function instance(databaseUrl: string): Promise<TestServer> {
  const server = await startTestServer({ databaseUrl, dataDir: tempDir('signet-upload-instance-') });
  cleanup.push(() => server.close());
  return server;
}

describe('an upload across server instances on one PostgreSQL', () => {
  it('takes chunks on either instance: the file is whole, checked and stored once, and either instance knows it', async () => {
    const databaseUrl = await createPostgresDatabase('uploads');
    const first = await instance(databaseUrl);
    const second = await instance(databaseUrl);
    expect([first.store.dialect, second.store.dialect]).toEqual(['postgres', 'postgres']);
    const device = await pairDevice(first);
    const balancer = await roundRobin([first.url, second.url]);

    const file = randomBytes(5 * 64 * 1024 + 123);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const remembered: string[] = [];
    const client = clientFor({ url: balancer.url, deviceId: device.deviceId, deviceName: 'Recepcja', serverId: first.serverId, pairedAt: new Date().toISOString(), tokenRef: 'test' }, device.token);
    await uploadFile({ client, token: device.token, bytes: file, sha256, uploadId: null, chunkBytes: 64 * 1024, remember: async (id) => void remembered.push(id) });

    // POST and six chunks, alternating: each instance took some of them.
    expect(balancer.sent[0]! + balancer.sent[1]!).toBe(7);
    expect(balancer.sent.every((count) => count >= 3)).toBe(true);
    for (const server of [first, second]) expect(Buffer.from(await serverFiles(server.dataDir).files.read(sha256)).equals(file)).toBe(true);
    expect([...bucket().objects.keys()]).toEqual([`${sha256.slice(0, 2)}/${sha256}`]);
    const rows = await second.store.db.selectFrom('uploads').select(['id', 'received', 'completed_at']).execute();
    expect(rows).toEqual([{ id: remembered[0], received: file.length, completed_at: expect.any(String) }]);
    expect(await second.store.db.selectFrom('upload_chunks').select('offset').execute()).toEqual([]);

    // Either instance counts the upload as this device's: HEAD through each says whole.
    for (const server of [first, second]) {
      const head = await fetch(`${server.url}/api/v1/uploads/${remembered[0]}`, { method: 'HEAD', headers: { authorization: `Bearer ${device.token}` } });
      expect([head.status, head.headers.get('upload-offset')]).toEqual([200, String(file.length)]);
    }
    // Started again through the balancer (a retried job): complete at once, whichever instance answers.
    for (let i = 0; i < 2; i++) {
      const again = await client.call('POST', '/api/v1/uploads', uploadStateSchema, { sha256, size: file.length });
      expect(again).toMatchObject({ uploadId: remembered[0], complete: true });
    }
  });
});

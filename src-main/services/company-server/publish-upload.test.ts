import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyServerClient } from './client';
import { maxRefusedChunks, uploadFile } from './publish-upload';

/** A server that answers every chunk with 409 and the offset `offsetOf` names, counting the chunks it was sent. */
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function refusingServer(offsetOf: (patches: number) => number): Promise<{ client: CompanyServerClient; patches: () => number }> {
  let patches = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'HEAD') {
        response.writeHead(200, { 'upload-offset': '0' }).end();
        return;
      }
      patches++;
      response.writeHead(409, { 'content-type': 'application/json', 'upload-offset': String(offsetOf(patches)) });
      response.end(JSON.stringify({ error: { code: 'UPLOAD_OFFSET_MISMATCH', messageKey: 'companyServer.api.uploadOffset', message: 'offset' } }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { link: { url }, call: () => Promise.reject(new Error('not called')), send: () => Promise.reject(new Error('not called')) } as unknown as CompanyServerClient;
  return { client, patches: () => patches };
}

const bytes = new Uint8Array(10_000);
const upload = (client: CompanyServerClient) => uploadFile({ client, token: 't', bytes, sha256: 'a'.repeat(64), uploadId: 'u1', chunkBytes: 4096, remember: async () => {} });

describe('the chunk loop on 409', () => {
  it('gives up after a few chunks refused in a row, with the reason, for the job to try again later', async () => {
    const { client, patches } = await refusingServer(() => 0);
    await expect(upload(client)).rejects.toMatchObject({ code: 'TRANSPORT', messageKey: 'companyServer.errors.uploadStuck', details: { offset: 0, times: maxRefusedChunks } });
    expect(patches()).toBe(maxRefusedChunks);
  });

  it('takes a 409 at the size as the file being whole', async () => {
    const { client, patches } = await refusingServer(() => bytes.length);
    await expect(upload(client)).resolves.toBeUndefined();
    expect(patches()).toBe(1);
  });

  it('follows the offset a 409 names, up to the size', async () => {
    // Each refusal moves the offset on by a chunk, as another attempt sending meanwhile would; the last one is at the size.
    const { client, patches } = await refusingServer((n) => Math.min(bytes.length, n * 4096));
    await expect(upload(client)).resolves.toBeUndefined();
    expect(patches()).toBe(3);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * For tests: an S3-compatible endpoint on loopback, one bucket in memory, answering PutObject, GetObject, HeadObject
 * and DeleteObject as S3's API reference documents them (path-style /BUCKET/KEY, XML error bodies with Code and
 * Message, 204 on delete whether or not the key exists). It checks each request's SigV4 Authorization header's shape,
 * its credential scope, x-amz-date and x-amz-content-sha256 against the body, and refuses as S3 would; it does not
 * recompute the signature (that would be a second signer to trust).
 */

export interface S3StandIn {
  /** http://127.0.0.1:PORT/BUCKET */
  url: string;
  /** Objects by key (without the bucket), as stored. */
  objects: Map<string, Buffer>;
  /** Every request answered, in order. */
  requests: { method: string; key: string; status: number; signedHeaders: string[] }[];
  /** The next `count` requests are answered `status` with S3 error `code`. */
  failNext(count: number, status: number, code: string): void;
  close(): Promise<void>;
}

const authPattern = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function errorXml(code: string, message: string, key: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Key>${key}</Key><RequestId>${randomUUID()}</RequestId></Error>`;
}

export async function startS3StandIn(options: { bucket: string; accessKeyId: string; region: string }): Promise<S3StandIn> {
  const objects = new Map<string, Buffer>();
  const requests: S3StandIn['requests'] = [];
  const failures: { status: number; code: string }[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = rest.map(decodeURIComponent).join('/');
      const method = req.method ?? 'GET';
      const auth = authPattern.exec(req.headers.authorization ?? '');
      const signedHeaders = auth ? auth[4]!.split(';') : [];
      const answer = (status: number, headers: Record<string, string> = {}, payload: Buffer | string = '') => {
        requests.push({ method, key, status, signedHeaders });
        res.writeHead(status, headers);
        res.end(method === 'HEAD' ? undefined : payload);
      };
      const refuse = (status: number, code: string, message: string) => answer(status, { 'content-type': 'application/xml' }, errorXml(code, message, key));

      const failure = failures.shift();
      if (failure) return refuse(failure.status, failure.code, 'failing on purpose');
      if (!auth) return refuse(403, 'AccessDenied', 'no AWS4-HMAC-SHA256 Authorization header of the documented shape');
      const [, accessKeyId, day, region] = auth;
      if (accessKeyId !== options.accessKeyId) return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      if (region !== options.region) return refuse(400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${options.region}'`);
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== day) return refuse(403, 'AccessDenied', 'x-amz-date missing or not the credential scope day');
      for (const header of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
        if (!signedHeaders.includes(header)) return refuse(403, 'AccessDenied', `${header} is not among the signed headers`);
      }
      const contentSha = String(req.headers['x-amz-content-sha256'] ?? '');
      const bodySha = createHash('sha256').update(body).digest('hex');
      if (contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== bodySha) return refuse(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
      if (bucket !== options.bucket) return refuse(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) return refuse(400, 'InvalidRequest', 'this stand-in answers object requests only');

      const etag = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;
      const stored = objects.get(key);
      switch (method) {
        case 'PUT':
          objects.set(key, body);
          return answer(200, { etag: etag(body) });
        case 'GET':
        case 'HEAD':
          if (!stored) return method === 'HEAD' ? answer(404) : refuse(404, 'NoSuchKey', 'The specified key does not exist.');
          return answer(200, { 'content-type': 'application/octet-stream', 'content-length': String(stored.length), etag: etag(stored) }, stored);
        case 'DELETE':
          objects.delete(key);
          return answer(204);
        default:
          return refuse(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${options.bucket}`,
    objects,
    requests,
    failNext: (count, status, code) => failures.push(...Array.from({ length: count }, () => ({ status, code }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { MissingFileError, type DocumentFiles } from './document-files';

export interface S3FilesConfig {
  kind: 's3';
  /** Path-style: https://ENDPOINT/BUCKET or https://ENDPOINT/BUCKET/PREFIX (what AWS, MinIO, Ceph and R2 all accept). */
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Retries of a 5xx or 429 answer, with backoff (aws4fetch's); 10 unless a test wants fewer. */
  retries?: number;
}

const shaPattern = /^[0-9a-f]{64}$/;
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Files as objects in S3-compatible storage, named `PREFIX/ab/abcdef…` by SHA-256 as in the folder, signed with
 * SigV4 by aws4fetch. An object appears whole or not at all, and two instances putting one content write the same
 * bytes, so nothing needs a lock or a temp file. The body's SHA-256 is signed (x-amz-content-sha256), so the storage
 * itself refuses bytes changed on the way in; reads are checked again here.
 */
export function s3Files(config: S3FilesConfig): DocumentFiles {
  const client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3', retries: config.retries });
  const base = config.url.replace(/\/+$/, '');
  const urlOf = (sha256: string) => {
    if (!shaPattern.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return `${base}/${sha256.slice(0, 2)}/${sha256}`;
  };
  const request = async (method: string, sha256: string, init: { body?: Uint8Array; contentSha256?: string } = {}) => {
    const headers: Record<string, string> = { 'x-amz-content-sha256': init.contentSha256 ?? sha256Of(new Uint8Array()) };
    if (init.body) headers['content-type'] = 'application/octet-stream';
    const url = urlOf(sha256);
    return client.fetch(url, { method, headers, ...(init.body ? { body: init.body } : {}) });
  };

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const answer = await request('PUT', sha256, { body: bytes, contentSha256: sha256 });
      if (!answer.ok) throw await storageError('PUT', sha256, answer);
      await answer.body?.cancel();
      return { sha256, size: bytes.byteLength };
    },
    async read(sha256) {
      const answer = await request('GET', sha256);
      if (answer.status === 404) {
        await answer.body?.cancel();
        throw new MissingFileError(sha256);
      }
      if (!answer.ok) throw await storageError('GET', sha256, answer);
      const bytes = new Uint8Array(await answer.arrayBuffer());
      const actual = sha256Of(bytes);
      if (actual !== sha256) throw new Error(`file ${sha256} is damaged in the object storage (its content hashes to ${actual})`);
      return bytes;
    },
    async has(sha256) {
      const answer = await request('HEAD', sha256);
      if (answer.status === 404) return false;
      if (!answer.ok) throw await storageError('HEAD', sha256, answer);
      return true;
    },
    async remove(sha256) {
      // S3 answers 204 whether or not the object was there.
      const answer = await request('DELETE', sha256);
      if (!answer.ok && answer.status !== 404) throw await storageError('DELETE', sha256, answer);
      await answer.body?.cancel();
    },
    // A PUT is all or nothing: no write leaves anything behind.
    sweepTemp: async () => 0,
  };
}

/** S3's own reason (its XML error's Code and Message) in the error: "AccessDenied", "NoSuchBucket", "SignatureDoesNotMatch"… */
async function storageError(method: string, sha256: string, answer: Response): Promise<Error> {
  const text = method === 'HEAD' ? '' : await answer.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  const reason = [code, message].filter(Boolean).join(': ') || answer.statusText;
  return new Error(`object storage refused ${method} of file ${sha256}: ${answer.status} ${reason}`);
}

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { ConfigError } from '../config/config-error';
import { serverFiles } from '../publishing/server-files';
import { isMissingFile } from './document-files';
import { documentFilesConfigOf, filesS3Env } from './files-config';
import { openDocumentFiles } from './open-document-files';
import { startS3StandIn, type S3StandIn } from './s3-stand-in';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const keys = { accessKeyId: 'AKIASIGNETTEST', secretAccessKey: 'secret-of-the-test', region: 'eu-central-1' };
const standIns: S3StandIn[] = [];
afterEach(async () => {
  for (const s of standIns.splice(0)) await s.close();
});

async function bucket() {
  const standIn = await startS3StandIn({ bucket: 'signet-files', accessKeyId: keys.accessKeyId, region: keys.region });
  standIns.push(standIn);
  const files = openDocumentFiles({ kind: 's3', url: `${standIn.url}/acme`, ...keys, retries: 2 });
  return { standIn, files };
}

describe('the server files in S3-compatible storage, over HTTP to a loopback stand-in', () => {
  it('puts under PREFIX/ab/SHA-256, reads back, answers has, removes; every request signed with the body hash', async () => {
    const { standIn, files } = await bucket();
    const bytes = randomBytes(70_000);
    const stored = await files.put(bytes);
    expect(stored).toEqual({ sha256: sha(bytes), size: 70_000 });
    const key = `acme/${stored.sha256.slice(0, 2)}/${stored.sha256}`;
    expect([...standIn.objects.keys()]).toEqual([key]);
    expect(await files.has(stored.sha256)).toBe(true);
    expect(Buffer.from(await files.read(stored.sha256)).equals(bytes)).toBe(true);

    await files.remove(stored.sha256);
    expect(standIn.objects.size).toBe(0);
    expect(await files.has(stored.sha256)).toBe(false);
    await files.remove(stored.sha256);
    expect(isMissingFile(await files.read(stored.sha256).catch((e: unknown) => e))).toBe(true);

    expect(standIn.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 200', 'HEAD 200', 'GET 200', 'DELETE 204', 'HEAD 404', 'DELETE 204', 'GET 404']);
    for (const r of standIn.requests) expect(r.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date']));
  });

  it('refuses on read an object whose content no longer hashes to its name', async () => {
    const { standIn, files } = await bucket();
    const stored = await files.put(Buffer.from('%PDF-1.7 the original'));
    const [key] = standIn.objects.keys();
    standIn.objects.set(key!, Buffer.from('%PDF-1.7 the original, changed'));
    const error = await files.read(stored.sha256).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/damaged in the object storage/);
    expect(isMissingFile(error)).toBe(false);
  });

  it('takes the same content put many times at once, by two instances, as one object', async () => {
    const { standIn, files } = await bucket();
    const other = openDocumentFiles({ kind: 's3', url: `${standIn.url}/acme`, ...keys });
    const bytes = randomBytes(256 * 1024);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? other : files).put(bytes)));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(bytes)]));
    expect(standIn.objects.size).toBe(1);
    expect(Buffer.from(await other.read(sha(bytes))).equals(bytes)).toBe(true);
  });

  it("says the storage's reason when it refuses, retries a passing 503, and never takes a refusal for a missing file", async () => {
    const { standIn } = await bucket();
    // The stand-in checks the signature's shape: an unsigned request is refused as S3 refuses it.
    expect((await fetch(`${standIn.url}/acme/${'a'.repeat(64)}`)).status).toBe(403);
    const wrongKey = openDocumentFiles({ kind: 's3', url: `${standIn.url}/acme`, ...keys, accessKeyId: 'AKIAOTHER', retries: 0 });
    const refused = await wrongKey.read('a'.repeat(64)).catch((e: unknown) => e as Error);
    expect((refused as Error).message).toMatch(/403 InvalidAccessKeyId/);
    expect(isMissingFile(refused)).toBe(false);
    await expect(wrongKey.put(Buffer.from('x'))).rejects.toThrow(/PUT .*403 InvalidAccessKeyId/);

    const { files } = await bucket();
    const last = standIns.at(-1)!;
    last.failNext(1, 503, 'SlowDown');
    const stored = await files.put(Buffer.from('after one 503'));
    expect(last.requests.map((r) => r.status)).toEqual([503, 200]);
    last.failNext(3, 500, 'InternalError');
    await expect(files.has(stored.sha256)).rejects.toThrow(/HEAD .*500/);
  });

  it('refuses a name that is not a SHA-256 before any request', async () => {
    const { standIn, files } = await bucket();
    await expect(files.read('../../other-bucket/x')).rejects.toThrow(/not a SHA-256/);
    expect(standIn.requests).toEqual([]);
  });
});

describe('which files the server uses', () => {
  it('is DATA/files unless SIGNET_FILES_S3_URL names a bucket, and then its keys are required', () => {
    expect(documentFilesConfigOf('/srv/signet/files', {})).toEqual({ kind: 'folder', root: '/srv/signet/files' });
    const env = { [filesS3Env.url]: 'https://s3.eu-central-1.amazonaws.com/signet-files', [filesS3Env.accessKeyId]: 'AKIA', [filesS3Env.secretAccessKey]: 's' };
    expect(documentFilesConfigOf('/x', env)).toEqual({ kind: 's3', url: 'https://s3.eu-central-1.amazonaws.com/signet-files', region: 'us-east-1', accessKeyId: 'AKIA', secretAccessKey: 's' });
    expect(documentFilesConfigOf('/x', { ...env, [filesS3Env.region]: 'eu-central-1' })).toMatchObject({ region: 'eu-central-1' });
    expect(() => documentFilesConfigOf('/x', { ...env, [filesS3Env.secretAccessKey]: '' })).toThrow(ConfigError);
    expect(() => documentFilesConfigOf('/x', { ...env, [filesS3Env.secretAccessKey]: '' })).toThrow(/SIGNET_FILES_S3_SECRET_ACCESS_KEY/);
    for (const bad of ['s3.amazonaws.com/bucket', 'https://s3.amazonaws.com', 'https://s3.amazonaws.com/b?x=1', 'ftp://h/b', 'https://k:s@h/b']) {
      expect(() => documentFilesConfigOf('/x', { ...env, [filesS3Env.url]: bad }), bad).toThrow(ConfigError);
    }
  });

  it("puts the server's files in the bucket the environment names, and nothing in the data folder", async () => {
    const { standIn } = await bucket();
    const dataDir = tempDir('signet-files-env-');
    try {
      const env = { [filesS3Env.url]: standIn.url, [filesS3Env.region]: keys.region, [filesS3Env.accessKeyId]: keys.accessKeyId, [filesS3Env.secretAccessKey]: keys.secretAccessKey };
      const stored = await serverFiles(dataDir, env).files.put(Buffer.from('%PDF-1.7 published'));
      expect([...standIn.objects.keys()]).toEqual([`${stored.sha256.slice(0, 2)}/${stored.sha256}`]);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { portalSealedPath } from '../../src-shared/portal/signing-session';
import { tempDir } from '../../src-main/test-support/temp-services';
import { parseCommand } from '../cli/args';
import { startServer } from '../cli/serve-command';
import { ConfigError } from '../config/config-error';
import { serverFilesDir } from '../publishing/server-files';
import { sealPublished } from '../sealing/seal-published';
import { removeSealedFiles, sealedKeptUnfetchedMs } from '../sealing/sealed-removal';
import { anna, emma, jan, signedWorld } from '../test-support/signed-world';
import { filesS3Env } from './files-config';
import { filesInBucket } from '../test-support/files-in-bucket';

/*
 * The server's own flow with its files in a bucket: every site that writes or reads a document file goes through the
 * configured files, so with SIGNET_FILES_S3_URL set nothing may land in (or be looked for in) DATA/files.
 */

const keyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bucket = filesInBucket('AKIAFLOW', 'flow-secret');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the company server with its files in S3-compatible storage', () => {
  it('publishes, takes the signatures, seals, serves the sealed PDF and removes it later, all in the bucket', async () => {
    const standIn = bucket();
    const w = await signedWorld(cleanup);
    expect(standIn.objects.has(keyOf(w.fileSha256))).toBe(true);
    await w.sign(anna);
    await w.sign(jan);
    await w.sign(emma);
    const outcome = await sealPublished(w.sealContext(), w.publishedId);
    if (outcome.state !== 'sealed') throw new Error(`not sealed: ${outcome.state}`);
    // The original, three signature images, the sealed PDF.
    expect(standIn.objects.size).toBe(5);
    expect(standIn.objects.has(keyOf(outcome.sha256))).toBe(true);
    expect(fs.existsSync(serverFilesDir(w.server.dataDir))).toBe(false);

    const response = await fetch(`${w.server.url}${portalSealedPath(w.tokens.jan)}`);
    expect(response.status).toBe(200);
    expect(sha(new Uint8Array(await response.arrayBuffer()))).toBe(outcome.sha256);

    await w.server.store.db.updateTable('outbox').set({ status: 'sent' }).where('purpose', '=', 'signedCopy').execute();
    w.clock.advance(sealedKeptUnfetchedMs);
    expect(await removeSealedFiles(w.sealContext())).toBe(1);
    expect(standIn.objects.has(keyOf(outcome.sha256))).toBe(false);
    expect(standIn.objects.has(keyOf(w.fileSha256))).toBe(false);
    expect(standIn.requests.filter((r) => r.status >= 400 && r.method !== 'HEAD')).toEqual([]);
  });

  it('does not start with a bucket named and its secret key missing: the configuration error (exit 2), before it listens', async () => {
    const secret = process.env[filesS3Env.secretAccessKey];
    delete process.env[filesS3Env.secretAccessKey];
    const dataDir = tempDir('signet-files-nokey-');
    try {
      const command = parseCommand(['serve', '--data', dataDir, '--port', '0']);
      if (command.kind !== 'serve') throw new Error('not serve');
      const failed = await startServer(command, '0.0.0-test').then(() => null, (e: unknown) => e);
      expect(failed).toBeInstanceOf(ConfigError);
      expect((failed as Error).message).toMatch(/SIGNET_FILES_S3_URL is set but SIGNET_FILES_S3_SECRET_ACCESS_KEY/);
    } finally {
      process.env[filesS3Env.secretAccessKey] = secret;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

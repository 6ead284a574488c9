import { afterAll, beforeAll } from 'vitest';
import { filesS3Env } from '../files/files-config';
import { startS3StandIn, type S3StandIn } from '../files/s3-stand-in';

/**
 * For the whole test file: an S3 stand-in, and the server's files pointed at it through the environment (what the
 * server reads at start), restored afterwards. The environment is the file's own: vitest runs each file in its own
 * process. Returns the stand-in once it runs.
 */
export function filesInBucket(accessKeyId: string, secretAccessKey: string): () => S3StandIn {
  let standIn: S3StandIn | undefined;
  const before = { ...process.env };
  beforeAll(async () => {
    standIn = await startS3StandIn({ bucket: 'signet', accessKeyId, region: 'eu-central-1' });
    Object.assign(process.env, { [filesS3Env.url]: standIn.url, [filesS3Env.region]: 'eu-central-1', [filesS3Env.accessKeyId]: accessKeyId, [filesS3Env.secretAccessKey]: secretAccessKey });
  });
  afterAll(async () => {
    for (const name of Object.values(filesS3Env)) if (!(name in before)) delete process.env[name];
    await standIn?.close();
  });
  return () => {
    if (!standIn) throw new Error('the S3 stand-in is not running yet (call this inside a test)');
    return standIn;
  };
}

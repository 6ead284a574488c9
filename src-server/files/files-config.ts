import { ConfigError } from '../config/config-error';
import type { DocumentFilesConfig } from './document-files';

/** The environment variables that move the server's files from the data folder to S3-compatible object storage. */
export const filesS3Env = {
  /** https://ENDPOINT/BUCKET[/PREFIX], path-style; set, the files go there instead of DATA/files. */
  url: 'SIGNET_FILES_S3_URL',
  region: 'SIGNET_FILES_S3_REGION',
  accessKeyId: 'SIGNET_FILES_S3_ACCESS_KEY_ID',
  secretAccessKey: 'SIGNET_FILES_S3_SECRET_ACCESS_KEY',
} as const;

const defaultRegion = 'us-east-1';

/** The files in `folder` unless SIGNET_FILES_S3_URL names a bucket; its keys then must be given too (exit 2 otherwise). */
export function documentFilesConfigOf(folder: string, env: NodeJS.ProcessEnv): DocumentFilesConfig {
  const url = env[filesS3Env.url]?.trim();
  if (!url) return { kind: 'folder', root: folder };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${filesS3Env.url} is not a URL: "${url}"`);
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.pathname.replace(/\/+$/, '') === '' || parsed.search || parsed.hash || parsed.username) {
    throw new ConfigError(`${filesS3Env.url} must be https://ENDPOINT/BUCKET or https://ENDPOINT/BUCKET/PREFIX (path-style, no query or credentials), not "${url}"`);
  }
  const accessKeyId = env[filesS3Env.accessKeyId];
  const secretAccessKey = env[filesS3Env.secretAccessKey];
  if (!accessKeyId || !secretAccessKey) throw new ConfigError(`${filesS3Env.url} is set but ${!accessKeyId ? filesS3Env.accessKeyId : filesS3Env.secretAccessKey} (its key) is not`);
  return { kind: 's3', url: parsed.toString(), region: env[filesS3Env.region]?.trim() || defaultRegion, accessKeyId, secretAccessKey };
}

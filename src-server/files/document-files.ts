import type { StoredFile } from '../../src-main/store/file-store';
import type { S3FilesConfig } from './s3-files';

export type { StoredFile };

/**
 * Where the company server keeps document files (originals, signature images, sealed PDFs, outbox attachments):
 * immutable and named by their SHA-256, so several server instances can share one store and a file is the same
 * wherever it is read from. `read` is named as the desktop's FileStore names it, so code written for either (the
 * outbox worker from src-main) takes both.
 */
export interface DocumentFiles {
  /** Stores `bytes` under their SHA-256; storing the same bytes again, even at the same moment, is no change. */
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** The file's bytes, proven to hash to `sha256`; a file not there is an error that `isMissingFile` recognises. */
  read(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
  /** Gone afterwards; removing a file that is not there is no error (two removal sweeps may race). */
  remove(sha256: string): Promise<void>;
  /** Clears what writes interrupted by a crash left behind (safe only at start-up); how many were cleared. */
  sweepTemp(): Promise<number>;
}

/** How the server is configured to keep its files: a folder, or S3-compatible object storage (files-config.ts). */
export type DocumentFilesConfig = { kind: 'folder'; root: string } | S3FilesConfig;

export class MissingFileError extends Error {
  override name = 'MissingFileError';
  readonly code = 'ENOENT';

  constructor(readonly sha256: string) {
    super(`file ${sha256} is not in the server's files`);
  }
}

/** A read that failed because the file is not there (removed by a sweep meanwhile, say), not because it is damaged. */
export function isMissingFile(error: unknown): boolean {
  return error instanceof MissingFileError || (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

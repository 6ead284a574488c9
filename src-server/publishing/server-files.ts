import path from 'node:path';
import type { DocumentFiles } from '../files/document-files';
import { documentFilesConfigOf } from '../files/files-config';
import { openDocumentFiles } from '../files/open-document-files';
import type { ServerStore } from '../store/open-server-store';

/** The server's files by SHA-256 (the published and sealed documents, signature images, the outbox's attachments). */
export function serverFilesDir(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/**
 * Where the server keeps document files: DIR/files or a bucket, content-addressed by SHA-256 behind DocumentFiles
 * (whole or not at all, never modified in place, checked by hash on every read). Files still arriving chunk by chunk
 * are in the database (uploads.ts), where every instance finds them.
 */
export interface ServerFiles {
  files: DocumentFiles;
}

/** The files where the environment puts them (SIGNET_FILES_S3_URL: object storage), DIR/files otherwise. */
export function serverFiles(dataDir: string, env: NodeJS.ProcessEnv = process.env): ServerFiles {
  return { files: openDocumentFiles(documentFilesConfigOf(serverFilesDir(dataDir), env)) };
}

/** The files of an open store's data folder (whatever the store's backend). */
export function serverFilesOf(store: Pick<ServerStore, 'dataDir'>): ServerFiles {
  return serverFiles(store.dataDir);
}

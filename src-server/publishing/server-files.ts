import path from 'node:path';
import { FileStore } from '../../src-main/store/file-store';
import { serverFilesDir } from '../delivery/server-outbox';
import type { ServerStore } from '../store/open-server-store';

/**
 * Where the server keeps document files: DIR/files (the outbox's folder too), content-addressed by SHA-256 through the
 * desktop's own FileStore (whole or not at all, never modified in place), and DIR/uploads for files still arriving
 * chunk by chunk.
 */
export interface ServerFiles {
  files: FileStore;
  uploadsDir: string;
}

export function serverFiles(dataDir: string): ServerFiles {
  return { files: new FileStore(serverFilesDir(dataDir)), uploadsDir: path.join(dataDir, 'uploads') };
}

/** The data folder of an open store: the SQLite file lies in it (see serverStoreFile). */
export function serverFilesOf(store: Pick<ServerStore, 'file'>): ServerFiles {
  return serverFiles(path.dirname(store.file));
}

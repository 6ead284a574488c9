import fs from 'node:fs/promises';
import { FileStore } from '../../src-main/store/file-store';
import { MissingFileError, type DocumentFiles } from './document-files';

/**
 * Files in a folder through the desktop's FileStore: `ab/abcdef…` by SHA-256, each written to a temp file, synced
 * and renamed into place, so a crash never leaves half a file under its name. Several processes may share the
 * folder (a shared volume behind several instances): two writers of one content rename the same bytes over each other.
 */
export function folderFiles(root: string): DocumentFiles {
  const store = new FileStore(root);
  return {
    put: (bytes) => store.put(bytes),
    async read(sha256) {
      try {
        return await store.read(sha256);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingFileError(sha256);
        throw error;
      }
    },
    has: async (sha256) => store.has(sha256),
    remove: async (sha256) => fs.rm(store.pathOf(sha256), { force: true }),
    sweepTemp: () => store.sweepTemp(),
  };
}

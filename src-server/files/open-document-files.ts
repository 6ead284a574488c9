import type { DocumentFiles, DocumentFilesConfig } from './document-files';
import { folderFiles } from './folder-files';

/** The server's files as configured. */
export function openDocumentFiles(config: DocumentFilesConfig): DocumentFiles {
  switch (config.kind) {
    case 'folder':
      return folderFiles(config.root);
  }
}

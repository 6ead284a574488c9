import type { DocumentFiles, DocumentFilesConfig } from './document-files';
import { folderFiles } from './folder-files';
import { s3Files } from './s3-files';

/** The server's files as configured. */
export function openDocumentFiles(config: DocumentFilesConfig): DocumentFiles {
  switch (config.kind) {
    case 'folder':
      return folderFiles(config.root);
    case 's3':
      return s3Files(config);
  }
}

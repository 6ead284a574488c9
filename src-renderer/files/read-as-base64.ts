import { AppError } from '../../src-shared/contract/errors';

/**
 * A file as base64, for calls that carry files (`contacts.import`, `pdf.verify`). FileReader encodes natively, so a
 * 100 MB PDF does not pass through a JavaScript string of its raw bytes first.
 */
export function readAsBase64(file: Blob, onProgress?: (done: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    if (onProgress) reader.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    // The file was moved, deleted or is not readable (permissions, a cloud placeholder that failed to download).
    reader.onerror = () => reject(new AppError('IMPORT_FAILED', 'verifyPage.readFailed'));
    reader.readAsDataURL(file);
  });
}

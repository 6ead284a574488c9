import { AppError } from '../../../src-shared/contract/errors';
import { defaultPdfLimits } from '../../../src-shared/pdf/limits';

export const maxVerifyBytes = defaultPdfLimits.maxBytes;
export const maxVerifyMb = Math.round(maxVerifyBytes / 1048576);

/** The size limit is checked before a byte is read: a 2 GB file must not be loaded into memory just to be refused. */
export function refuseIfTooLarge(file: Pick<File, 'size'>): void {
  if (file.size > maxVerifyBytes) {
    throw new AppError('PDF_REFUSED', 'pdf.tooLarge', { size: file.size, limit: maxVerifyBytes, limitMb: maxVerifyMb });
  }
}

/**
 * The file as base64, for the contract's `pdf.verify`. FileReader encodes natively, so a 100 MB PDF does not pass
 * through a JavaScript string of its raw bytes first (which the slice-by-slice encoder in the import dialog would).
 */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    // The file was moved, deleted or is not readable (permissions, a cloud placeholder that failed to download).
    reader.onerror = () => reject(new AppError('PDF_REFUSED', 'verifyPage.readFailed'));
    reader.readAsDataURL(file);
  });
}

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

export { readAsBase64 } from '../../files/read-as-base64';

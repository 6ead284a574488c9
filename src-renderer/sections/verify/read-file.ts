import { AppError } from '../../../src-shared/contract/errors';
import { defaultPdfLimits } from '../../../src-shared/pdf/limits';

export const maxVerifyBytes = defaultPdfLimits.maxBytes;
export const maxVerifyMb = Math.round(maxVerifyBytes / 1048576);

/**
 * The size limit is checked before a byte is read: a 2 GB file must not be loaded into memory just to be refused. The
 * desktop's limit by default; the portal's server takes less.
 */
export function refuseIfTooLarge(file: Pick<File, 'size'>, limit = maxVerifyBytes): void {
  if (file.size > limit) {
    throw new AppError('PDF_REFUSED', 'pdf.tooLarge', { size: file.size, limit, limitMb: Math.round(limit / 1048576) });
  }
}

export { readAsBase64 } from '../../files/read-as-base64';

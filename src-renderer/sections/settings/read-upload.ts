import { AppError } from '../../../src-shared/contract/errors';
import { readAsBase64 } from '../../files/read-as-base64';
import { formatLimit } from './identity-format';

/**
 * A chosen file as base64, refused before a byte is read when it is far larger than any certificate or PKCS#12 can
 * be (the wrong file picked), so the person hears why instead of waiting for a large upload the host refuses anyway.
 */
export function readUpload(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) return Promise.reject(new AppError('VALIDATION', 'identityUi.fileTooLarge', { size: formatLimit(maxBytes) }));
  return readAsBase64(file);
}

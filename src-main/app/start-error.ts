import type { AppError } from '../../src-shared/contract/errors';

/** Why a program could not open its data, in words for the terminal it was started from (the browser host, the company server). */
export function describeStartError(error: AppError): string {
  if (error.code === 'STORE_NEWER_VERSION') {
    const d = error.details as { file: string; found: number; supported: number };
    return `the data in ${d.file} was written by a newer version of Signet (schema ${d.found}; this version knows up to ${d.supported}). Install the newer version; the file was left untouched.`;
  }
  if (error.code === 'STORE_UNAVAILABLE') {
    const d = error.details as { file: string; reason: string };
    return `the data file ${d.file} cannot be opened: ${d.reason}`;
  }
  return `${error.code} ${error.messageKey}`;
}

import { AppError } from '../../src-shared/contract/errors';

const pdfHeader = Buffer.from('%PDF-');

/**
 * Refuses bytes that are not a PDF. The header may follow a little garbage (some mail gateways prepend a line);
 * readers accept it within the first 1 KB, and so do we.
 */
export function refuseIfNotPdf(buf: Buffer): void {
  if (buf.subarray(0, 1024).indexOf(pdfHeader) < 0) throw new AppError('PDF_REFUSED', 'pdf.notPdf');
}

import { createHash } from 'node:crypto';
import { PDFDocument, EncryptedPDFError, PDFName } from 'pdf-lib';
import { AppError } from '../../src-shared/contract/errors';
import { defaultPdfLimits, type PdfLimits } from '../../src-shared/pdf/limits';
import type { PageSize, PdfInfo } from '../../src-shared/pdf/info';
import { refuseIfNotPdf } from './header';
import { pdfLibVisibleBox } from './page-box';
import { findSignatures } from './signatures';

const eof = Buffer.from('%%EOF');
/** A trailer (or xref-stream dictionary) naming an encryption dictionary. */
const encryptPattern = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;

function refuse(messageKey: string, details?: Record<string, unknown>): AppError {
  return new AppError('PDF_REFUSED', messageKey, details);
}

/**
 * Reads what Signet needs to know about a PDF and refuses, with a reason a person can act on, what it cannot
 * sign: not a PDF, cut off or damaged beyond repair, password-protected, too large, too many pages.
 */
export async function inspectPdf(bytes: Uint8Array, limits: PdfLimits = defaultPdfLimits): Promise<PdfInfo> {
  if (bytes.byteLength > limits.maxBytes) throw refuse('pdf.tooLarge', { size: bytes.byteLength, limit: limits.maxBytes, limitMb: Math.round(limits.maxBytes / 1048576) });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  refuseIfNotPdf(buf);
  if (buf.subarray(Math.max(0, buf.length - 2048)).indexOf(eof) < 0) throw refuse('pdf.truncated');

  // Checked on the raw trailer first: an encrypted file often fails to parse at all, and the person must be told why.
  if (encryptPattern.test(buf.toString('latin1', Math.max(0, buf.length - 4096))) || encryptPattern.test(buf.toString('latin1', 0, Math.min(buf.length, 4096)))) {
    throw refuse('pdf.encrypted');
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw refuse('pdf.encrypted');
    throw refuse('pdf.damaged', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
  if (doc.isEncrypted) throw refuse('pdf.encrypted');

  let pageSizes: PageSize[];
  try {
    const pages = doc.getPages();
    if (pages.length === 0) throw new Error('no pages');
    if (pages.length > limits.maxPages) throw refuse('pdf.tooManyPages', { pages: pages.length, limit: limits.maxPages });
    // The visible box, not the MediaBox: the editor shows it and fields are placed in it (see `visibleBox`).
    pageSizes = pages.map((p) => {
      const { width, height } = pdfLibVisibleBox(p);
      if (!(width > 0 && height > 0)) throw new Error('a page without a size');
      return { width: round(width), height: round(height) };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse('pdf.damaged', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }

  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    pageCount: pageSizes.length,
    pageSizes,
    hasSignatures: findSignatures(buf).length > 0,
    hasForm: doc.catalog.has(PDFName.of('AcroForm')),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

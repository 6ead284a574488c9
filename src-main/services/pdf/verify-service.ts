import { Buffer } from 'node:buffer';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { verifyPdf } from '../../pdf/verify';

/**
 * The Verify section's check of a PDF the person dropped in. Trust anchors come with the company identity (next step
 * of the PDF work); until then every seal reports its integrity and "not trusted".
 */
export function verifyUpload(base64: string): Promise<VerificationReport> {
  return verifyPdf(Buffer.from(base64, 'base64'));
}

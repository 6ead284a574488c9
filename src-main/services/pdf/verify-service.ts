import { Buffer } from 'node:buffer';
import type { OnProgress } from '../../../src-shared/pdf/progress';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { verifyPdf } from '../../pdf/verify';
import type { ServiceContext } from '../context';
import { trustAnchors } from '../identity/trust-anchors';

/** The Verify section's check of a PDF the person dropped in, against the company's own CAs and the imported ones. */
export async function verifyUpload(ctx: ServiceContext, base64: string, onProgress?: OnProgress): Promise<VerificationReport> {
  return verifyPdf(Buffer.from(base64, 'base64'), await trustAnchors(ctx), { onProgress });
}

import { createHash } from 'node:crypto';
import { sealedFilePath } from '../../../src-shared/company-server/events';
import { AppError } from '../../../src-shared/contract/errors';
import { verifyPdf } from '../../pdf/verify';
import type { ServiceContext } from '../context';
import { trustAnchors } from '../identity/trust-anchors';
import { openServerStream } from './server-stream';

/** A whole sealed PDF may take a while over a slow line; the headers still come within the usual time. */
const sealedDownloadMs = 300_000;

/** The sealed PDF of a document this desktop published, as the server serves it to the publishing device. */
export async function fetchSealedFile(base: string, token: string, publishedId: string, signal?: AbortSignal): Promise<Uint8Array> {
  const download = AbortSignal.timeout(sealedDownloadMs);
  const response = await openServerStream(base, sealedFilePath(publishedId), { token, accept: 'application/pdf', signal: signal ? AbortSignal.any([signal, download]) : download });
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AppError('TRANSPORT', 'companyServer.feed.downloadCut', { url: base });
  }
}

/**
 * What the desktop requires of the server's sealed file before it shows the document as Signed: exactly the file the
 * feed announced (its SHA-256 and size), and a seal this installation's Verify calls valid, its chain reaching the
 * company CA this desktop created (not merely a CA the administrator imported): nothing changed after signing, sealed
 * by the company's own server. Resolves with the refusal, or null when the file is good.
 */
export async function sealedFileRefusal(ctx: ServiceContext, bytes: Uint8Array, expected: { sha256: string; size?: number | undefined }): Promise<AppError | null> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== expected.sha256 || (expected.size !== undefined && expected.size !== bytes.length)) {
    return new AppError('VALIDATION', 'companyServer.feed.sealedMismatch', { expected: expected.sha256, actual: sha256, size: bytes.length });
  }
  // Not a PDF at all (refuseIfNotPdf's AppError): as unreadable as a damaged seal.
  const report = await verifyPdf(bytes, await trustAnchors(ctx)).catch((error: unknown) => (error instanceof AppError ? error : new AppError('INTERNAL', 'errors.internal')));
  if (report instanceof AppError) return new AppError('VALIDATION', 'companyServer.feed.sealedNotValid', { verdict: 'unreadable', reason: report.messageKey });
  const seal = report.signatures.at(-1);
  if (report.verdict !== 'valid' || seal?.trust !== 'companyCa') {
    return new AppError('VALIDATION', 'companyServer.feed.sealedNotValid', { verdict: report.verdict, reason: report.reasons[0] ?? 'verify.reason.untrusted' });
  }
  return null;
}

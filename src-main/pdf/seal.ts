import { PDF, type Signer } from '@libpdf/core';

export interface SealOptions {
  reason?: string;
  location?: string;
  signingTime?: Date;
}

/**
 * Appends a PAdES signature (ETSI.CAdES.detached, SHA-256) as an incremental update: every byte of `bytes` stays as it
 * was, so earlier signatures keep verifying and this one can be followed by others.
 */
export async function sealPdf(bytes: Uint8Array, signer: Signer, options: SealOptions = {}): Promise<Uint8Array> {
  const pdf = await PDF.load(bytes);
  const { bytes: sealed } = await pdf.sign({
    signer,
    subFilter: 'ETSI.CAdES.detached',
    digestAlgorithm: 'SHA-256',
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.location ? { location: options.location } : {}),
    ...(options.signingTime ? { signingTime: options.signingTime } : {}),
  });
  return sealed;
}

import { PDF, type Signer } from '@libpdf/core';
import type { OnProgress } from '../../src-shared/pdf/progress';
import { ProgressMeter, yieldToEventLoop } from './progress-meter';

export interface SealOptions {
  reason?: string;
  location?: string;
  signingTime?: Date;
  /**
   * Called as the work advances (see `Progress`). The library hashes and signs in one call, so sealing reports its two
   * steps, loading the document ('read') and signing it ('signature'), and ends with 'write' when the bytes are ready.
   */
  onProgress?: OnProgress;
}

/** Thrown from inside the library's sign() to stop it once the signed bytes exist (see `signedBytesOf`). */
class Signed extends Error {
  constructor(readonly bytes: Uint8Array) {
    super('signed');
  }
}

/**
 * @libpdf/core's sign() writes the signature, then re-parses the whole signed file (`reload`) so the instance can go on
 * being used, and saves once more (a no-op without long-term validation). That second parse cost as much as the first
 * load and nothing here uses the instance afterwards, so the bytes are taken as they are handed to `reload` and sign()
 * goes no further. Should a version of the library no longer reload, its own result is used.
 */
async function signedBytesOf(pdf: PDF, options: Parameters<PDF['sign']>[0]): Promise<Uint8Array> {
  pdf.reload = (bytes: Uint8Array) => Promise.reject(new Signed(bytes));
  try {
    return (await pdf.sign(options)).bytes;
  } catch (error) {
    if (error instanceof Signed) return error.bytes;
    throw error;
  }
}

/**
 * Appends a PAdES signature (ETSI.CAdES.detached, SHA-256) as an incremental update: every byte of `bytes` stays as it
 * was, so earlier signatures keep verifying and this one can be followed by others.
 */
export async function sealPdf(bytes: Uint8Array, signer: Signer, options: SealOptions = {}): Promise<Uint8Array> {
  const meter = new ProgressMeter(options.onProgress, 2);
  meter.report('read');
  const pdf = await PDF.load(bytes);
  meter.report('signature', 1);
  await yieldToEventLoop();
  const sealed = await signedBytesOf(pdf, {
    signer,
    subFilter: 'ETSI.CAdES.detached',
    digestAlgorithm: 'SHA-256',
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.location ? { location: options.location } : {}),
    ...(options.signingTime ? { signingTime: options.signingTime } : {}),
  });
  meter.finish('write');
  return sealed;
}

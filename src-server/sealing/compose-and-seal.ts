import { composeDocument } from '../../src-main/pdf/compose/compose';
import type { Sealer } from '../seal/sealer';
import type { CertificateInput } from './certificate-input';

/** One final document to make: what it is composed from, and the seal's reason and time. Structured-clonable. */
export interface SealJob extends CertificateInput {
  reason: string;
  signingTime: Date;
}

/** Composes and seals a final document; the server does it in a worker thread, tests in-process. */
export type ComposeAndSeal = (job: SealJob) => Promise<Uint8Array>;

/** On the calling thread: the desktop's compose, then the server's seal. */
export function composeAndSealWith(sealer: Sealer, resourcesDir: string): ComposeAndSeal {
  return async (job) => {
    const { bytes } = await composeDocument(job.original, job.certificate, resourcesDir, { fields: job.fields });
    return sealer.seal(bytes, { reason: job.reason, signingTime: job.signingTime });
  };
}

import type { CertificateInfo } from '../../src-shared/identity/types';
import { describeCertificate } from '../../src-main/pdf/certificate-info';
import { sealPdf, type SealOptions } from '../../src-main/pdf/seal';
import { loadP12FromEnv } from '../../src-main/secrets/env-p12';
import { openSealP12 } from '../../src-main/services/identity/seal-p12';

/** The environment variable that holds the password of `--seal-p12 FILE`: never a command-line argument. */
export const sealPasswordEnv = 'SIGNET_SEAL_P12_PASSWORD';

/**
 * What the server seals with: the certificate the company CA issued to it (Settings → Company server → "Export the
 * server's seal certificate" on the desktop), its key from the PKCS#12. One entry point, the desktop's `sealPdf`.
 */
export interface Sealer {
  readonly certificate: CertificateInfo;
  /** The certificates above the seal as the file carries them (the company CA), DER. */
  readonly chain: readonly Uint8Array[];
  seal(bytes: Uint8Array, options?: SealOptions): Promise<Uint8Array>;
}

/**
 * Loads and checks the seal at start: the file, the password from the environment, and the certificate as the desktop's
 * import checks one (opened by the signing library, its key matching it, valid now, allowed to sign, not a CA). Any
 * refusal is an AppError (errors.p12* for the file and the variable, identity.p12.* for its contents).
 */
export async function loadSealer(file: string, options: { env?: NodeJS.ProcessEnv; cwd?: string; now?: Date } = {}): Promise<Sealer> {
  const material = await loadP12FromEnv({ path: file, passwordEnv: sealPasswordEnv, ...(options.env ? { env: options.env } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) });
  const { signer, certificate } = await openSealP12(material.bytes, material.password, options.now ?? new Date());
  return {
    certificate: describeCertificate(certificate),
    chain: signer.certificateChain,
    seal: (bytes, sealOptions) => sealPdf(bytes, signer, sealOptions),
  };
}

import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { P12Signer } from '@libpdf/core';
import { AppError } from '../../../src-shared/contract/errors';
import { x509 } from '../../pdf/x509';

function refuse(messageKey: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', messageKey, details);
}

export interface OpenedSeal {
  signer: P12Signer;
  certificate: X509Certificate;
}

/**
 * Opens a PKCS#12 the way a seal will use it and refuses it unless it can seal: opened by the same library that signs,
 * its key proven to match its certificate, the certificate valid at `now`, not a CA, and allowed to sign documents.
 * The desktop's import and the company server's `--seal-p12` both check a seal this way (AppError identity.p12.*).
 */
export async function openSealP12(bytes: Uint8Array, password: string, now: Date): Promise<OpenedSeal> {
  if (bytes.length === 0 || bytes[0] !== 0x30) throw refuse('identity.p12.notPkcs12');
  let signer: P12Signer;
  try {
    signer = await P12Signer.create(bytes, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw /password|mac|decrypt|integrity/i.test(message) ? refuse('identity.p12.wrongPassword') : refuse('identity.p12.unreadable', { reason: message.slice(0, 200) });
  }
  const certificate = new X509Certificate(signer.certificate);
  checkUsable(certificate, now);
  await checkKeyMatches(signer, certificate);
  return { signer, certificate };
}

function checkUsable(cert: X509Certificate, now: Date): void {
  if (now < new Date(cert.validFrom)) throw refuse('identity.p12.notYetValid', { from: new Date(cert.validFrom).toISOString() });
  if (now > new Date(cert.validTo)) throw refuse('identity.p12.expired', { to: new Date(cert.validTo).toISOString() });
  const parsed = new x509.X509Certificate(cert.raw);
  if (parsed.getExtension(x509.BasicConstraintsExtension)?.ca) throw refuse('identity.p12.isCa');
  const usage = parsed.getExtension(x509.KeyUsagesExtension);
  const signs = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  if (usage && (usage.usages & signs) === 0) throw refuse('identity.p12.cannotSign');
}

/** A PKCS#12 can carry a certificate that is not its key's: a seal made with it would never verify. */
async function checkKeyMatches(signer: P12Signer, cert: X509Certificate): Promise<void> {
  const probe = createHash('sha256').update(`signet-key-check-${Date.now()}`).digest();
  const signature = await signer.sign(probe, 'SHA-256');
  const key = { key: cert.publicKey, ...(signer.signatureAlgorithm === 'RSA-PSS' ? { padding: constants.RSA_PKCS1_PSS_PADDING } : {}) };
  if (!verify('sha256', probe, key, Buffer.from(signature))) throw refuse('identity.p12.keyMismatch');
}

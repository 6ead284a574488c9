import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../src-shared/identity/types';

/** A certificate in the shape Settings and the verification report show; Node's multi-line names become one line. */
export function describeCertificate(cert: X509Certificate): CertificateInfo {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sha256: fingerprint(cert),
  };
}

/** SHA-256 of the DER, lower-case hex without colons. */
export function fingerprint(cert: X509Certificate): string {
  return cert.fingerprint256.replace(/:/g, '').toLowerCase();
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Every certificate in a file as partners send them: one DER certificate (.cer, .crt) or PEM text with one or more
 * blocks (a bundle). Null when the bytes hold no readable certificate at all.
 */
export function parseCertificates(bytes: Uint8Array): X509Certificate[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (buf[0] === 0x30) return [new X509Certificate(buf)];
    const blocks = buf.toString('latin1').match(pemBlock) ?? [];
    const certs = blocks.map((pem) => new X509Certificate(pem));
    return certs.length > 0 ? certs : null;
  } catch {
    return null;
  }
}

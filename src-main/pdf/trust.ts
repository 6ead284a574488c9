import type { X509Certificate } from 'node:crypto';
import type { TrustLevel } from '../../src-shared/pdf/verification';

export interface TrustAnchors {
  /** This installation's company CA(s). */
  company: X509Certificate[];
  /** CAs the administrator imported (partners, commercial CAs). */
  imported: X509Certificate[];
}

export const noAnchors: TrustAnchors = { company: [], imported: [] };

/**
 * Walks from the signer up through the certificates the signature carries until it reaches an anchor, checking each
 * link's signature. Validity periods and revocation are not judged here: the seal has no timestamp authority yet.
 */
export function trustOf(signer: X509Certificate, carried: X509Certificate[], anchors: TrustAnchors): TrustLevel {
  let current = signer;
  for (let depth = 0; depth < 6; depth++) {
    if (reaches(current, anchors.company)) return 'companyCa';
    if (reaches(current, anchors.imported)) return 'trustAnchor';
    const next = carried.find((c) => c !== current && c.fingerprint256 !== current.fingerprint256 && issuedBy(current, c));
    if (!next) return 'unknown';
    current = next;
  }
  return 'unknown';
}

function reaches(cert: X509Certificate, anchors: X509Certificate[]): boolean {
  return anchors.some((a) => a.fingerprint256 === cert.fingerprint256 || issuedBy(cert, a));
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

import { readFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import { parseCertificates } from '../../src-main/pdf/certificate-info';
import { noAnchors, type TrustAnchors } from '../../src-main/pdf/trust';

/**
 * What the server's public verification trusts: the company's CA, from wherever the server learns it. Today that is
 * `serve --trust-ca FILE.pem`; the seal identity (its PKCS#12's chain) will hand its CA certificates here too, so the
 * verdict "valid" means one thing however the server was set up. They count as the company's own CA (`companyCa`),
 * as the desktop counts its own.
 */
export function serverTrustAnchors(sources: { companyCas: readonly X509Certificate[] }): TrustAnchors {
  if (sources.companyCas.length === 0) return noAnchors;
  return { company: [...sources.companyCas], imported: [] };
}

/** Every certificate of a PEM bundle (or one DER certificate); a file that holds none is a mistake worth stopping for. */
export function readCaFile(file: string): X509Certificate[] {
  const certs = parseCertificates(readFileSync(file));
  if (!certs) throw new Error(`${file} holds no certificate (expected PEM, "-----BEGIN CERTIFICATE-----", or DER)`);
  return certs;
}

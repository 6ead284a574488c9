import { createPrivateKey, randomBytes, sign as nodeSign, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';
import type { DigestAlgorithm, Signer } from '@libpdf/core';
import { x509 } from './x509';

/** ECDSA P-256: accepted by Adobe Reader, poppler, MuPDF and OpenSSL, and its keys are made in milliseconds. */
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface CompanyIdentity {
  caCertificatePem: string;
  /** Kept in the OS keychain: issues the seal certificate (and later the server's). */
  caPrivateKeyPem: string;
  sealCertificatePem: string;
  /** Kept in the OS keychain: signs every seal. */
  sealPrivateKeyPem: string;
}

/**
 * A company CA and a seal certificate issued by it, for a company that has not imported one from a commercial CA.
 * The seal's key usage is digitalSignature + nonRepudiation, as PAdES validators expect of a document signer.
 */
export async function createCompanyIdentity(companyName: string, now = new Date()): Promise<CompanyIdentity> {
  const name = companyName.trim() || 'Signet';
  const caKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const sealKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const caName = new x509.Name([{ CN: [`${name} — Signet CA`] }, { O: [name] }]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: caName,
    notBefore: now,
    notAfter: addYears(now, 20),
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const seal = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: new x509.Name([{ CN: [`${name} — pieczęć / seal`] }, { O: [name] }]),
    issuer: ca.subjectName,
    notBefore: now,
    notAfter: addYears(now, 5),
    publicKey: sealKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(sealKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caCertificatePem: ca.toString('pem'),
    caPrivateKeyPem: await pkcs8Pem(caKeys.privateKey),
    sealCertificatePem: seal.toString('pem'),
    sealPrivateKeyPem: await pkcs8Pem(sealKeys.privateKey),
  };
}

/** A @libpdf/core signer over a key held in memory (read from the keychain just before sealing). */
export function keySigner(privateKeyPem: string, certificatePem: string, chainPems: string[] = []): Signer {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  const isEc = key.asymmetricKeyType === 'ec';
  if (!isEc && key.asymmetricKeyType !== 'rsa') throw new Error(`unsupported seal key type ${key.asymmetricKeyType}`);
  return {
    certificate: new Uint8Array(new X509Certificate(certificatePem).raw),
    certificateChain: chainPems.map((pem) => new Uint8Array(new X509Certificate(pem).raw)),
    keyType: isEc ? 'EC' : 'RSA',
    signatureAlgorithm: isEc ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
    // Node returns ECDSA signatures DER-encoded, the form CMS wants.
    sign: async (data: Uint8Array, digest: DigestAlgorithm) =>
      new Uint8Array(nodeSign(digest.replace('-', '').toLowerCase(), data, { key, dsaEncoding: 'der' })),
  };
}

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  // Positive, 16 random bytes: unique without a counter to keep.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function addYears(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

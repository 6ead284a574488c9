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
  const seal = await issueSealCertificate({ commonName: `${name} — pieczęć / seal`, organization: name, issuer: { name: ca.subjectName, keys: caKeys }, publicKey: sealKeys.publicKey, now });
  return {
    caCertificatePem: ca.toString('pem'),
    caPrivateKeyPem: await pkcs8Pem(caKeys.privateKey),
    sealCertificatePem: seal.toString('pem'),
    sealPrivateKeyPem: await pkcs8Pem(sealKeys.privateKey),
  };
}

interface SealRequest {
  commonName: string;
  organization: string;
  issuer: { name: x509.Name; keys: { privateKey: webcrypto.CryptoKey; publicKey: webcrypto.CryptoKey } };
  publicKey: webcrypto.CryptoKey;
  now: Date;
  /** Never past the issuer's own end: a validator refuses a certificate that outlives its CA. */
  notAfter?: Date;
}

/** A document-signing certificate issued by a company CA: the company's seal, and the company server's. */
async function issueSealCertificate(request: SealRequest): Promise<x509.X509Certificate> {
  const fiveYears = addYears(request.now, 5);
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: new x509.Name([{ CN: [request.commonName] }, { O: [request.organization] }]),
    issuer: request.issuer.name,
    notBefore: request.now,
    notAfter: request.notAfter && request.notAfter < fiveYears ? request.notAfter : fiveYears,
    publicKey: request.publicKey,
    signingKey: request.issuer.keys.privateKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(request.issuer.keys.publicKey),
    ],
  });
}

export interface IssuedSeal {
  certificatePem: string;
  /** PKCS#8 PEM; never stored by the issuer, only handed over (packed in a PKCS#12 for the company server). */
  privateKeyPem: string;
}

/**
 * A new seal certificate with a key of its own, issued by the company CA whose certificate and key are given (the CA
 * `createCompanyIdentity` made: ECDSA P-256). For the company server, which seals in the company's name.
 */
export async function issueSealFromCa(caCertificatePem: string, caPrivateKeyPem: string, commonName: string, organization: string, now = new Date()): Promise<IssuedSeal> {
  const ca = new x509.X509Certificate(caCertificatePem);
  const caKey = createPrivateKey(caPrivateKeyPem);
  if (caKey.asymmetricKeyType !== 'ec') throw new Error(`the company CA's key is ${caKey.asymmetricKeyType}, not ECDSA P-256`);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', caKey.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign']);
  const publicKey = await ca.publicKey.export(algorithm, ['verify']);
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await issueSealCertificate({ commonName, organization, issuer: { name: ca.subjectName, keys: { privateKey, publicKey } }, publicKey: keys.publicKey, now, notAfter: ca.notAfter });
  return { certificatePem: cert.toString('pem'), privateKeyPem: await pkcs8Pem(keys.privateKey) };
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

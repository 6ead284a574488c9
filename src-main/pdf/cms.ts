import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureProblem } from '../../src-shared/pdf/verification';

/**
 * Our own engine, passed to every call: pkijs keeps a process-wide default that other libraries (@libpdf/core's
 * P12Signer) replace, and a verification must not depend on who ran before it.
 */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

const digestByOid: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const oidMessageDigest = '1.2.840.113549.1.9.4';
const oidSigningTime = '1.2.840.113549.1.9.5';

export interface CmsCheck {
  intact: boolean;
  problem?: SignatureProblem;
  signer?: X509Certificate;
  /** Every certificate carried in the CMS, signer included (for building the chain to a trust anchor). */
  certificates: X509Certificate[];
  digestAlgorithm?: string;
  signingTime?: string;
}

/**
 * Checks a detached CMS SignedData over `data`: the messageDigest attribute against the data's hash (a mismatch means
 * the signed bytes changed), then the signature value over the signed attributes with the signer's key.
 */
export async function checkDetachedCms(der: Uint8Array, data: Uint8Array): Promise<CmsCheck> {
  let signed: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) return { intact: false, problem: 'malformed', certificates: [] };
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return { intact: false, problem: 'malformed', certificates: [] };
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { intact: false, problem: 'malformed', certificates: [] };
  }

  const certificates = (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) return { intact: false, problem: 'malformed', certificates };
  const signer = findSigner(signerInfo, certificates);
  const digestAlgorithm = digestByOid[signerInfo.digestAlgorithm.algorithmId];
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const signingTime = readTime(attrs.find((a) => a.type === oidSigningTime));
  const base = { certificates, ...(signer ? { signer } : {}), ...(digestAlgorithm ? { digestAlgorithm } : {}), ...(signingTime ? { signingTime } : {}) };
  if (!signer || !digestAlgorithm) return { ...base, intact: false, problem: 'malformed' };

  const claimed = attrs.find((a) => a.type === oidMessageDigest)?.values[0];
  if (!(claimed instanceof asn1js.OctetString)) return { ...base, intact: false, problem: 'malformed' };
  const actual = createHash(digestAlgorithm).update(data).digest();
  if (!actual.equals(Buffer.from(claimed.valueBlock.valueHexView))) return { ...base, intact: false, problem: 'digestMismatch' };

  try {
    const ok = await signed.verify({ signer: 0, data: toArrayBuffer(data), checkChain: false }, engine);
    return ok ? { ...base, intact: true } : { ...base, intact: false, problem: 'badSignature' };
  } catch {
    return { ...base, intact: false, problem: 'badSignature' };
  }
}

function findSigner(info: pkijs.SignerInfo, certs: X509Certificate[]): X509Certificate | undefined {
  const sid = info.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^0+/, '').toUpperCase();
    return certs.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serial);
  }
  // Identified by subjectKeyIdentifier: with a single certificate that is the signer; otherwise it stays unknown.
  return certs.length === 1 ? certs[0] : undefined;
}

function readTime(attr: pkijs.Attribute | undefined): string | undefined {
  const value = attr?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate().toISOString();
  return undefined;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

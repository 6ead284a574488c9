import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureProblem } from '../../src-shared/pdf/verification';
import { digestByOid, signatureValueHolds } from './signature-value';

/**
 * Our own engine, passed to every call: pkijs keeps a process-wide default that other libraries (@libpdf/core's
 * P12Signer) replace, and a verification must not depend on who ran before it.
 */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

const oidContentType = '1.2.840.113549.1.9.3';
const oidMessageDigest = '1.2.840.113549.1.9.4';
const oidSigningTime = '1.2.840.113549.1.9.5';

/** What a signature's CMS says, read before any byte of the document is hashed (the hash depends on its algorithm). */
export interface ReadCms {
  /** Set when the structure cannot be checked at all. */
  problem?: 'malformed';
  /** Every certificate carried in the CMS, signer included (for building the chain to a trust anchor). */
  certificates: X509Certificate[];
  signer?: X509Certificate;
  /** node:crypto's name for the digest of the signed bytes (`sha256`). */
  digestAlgorithm?: string;
  signingTime?: string;
  /** The messageDigest signed attribute: what the signed bytes hashed to when they were signed. */
  claimedDigest?: Buffer;
  /** Checks the signature value; `signedBytes` is read only for an algorithm node:crypto cannot judge. */
  signatureHolds?: (signedBytes: () => Uint8Array) => Promise<boolean>;
}

export interface CmsCheck {
  intact: boolean;
  problem?: SignatureProblem;
  signer?: X509Certificate;
  certificates: X509Certificate[];
  digestAlgorithm?: string;
  signingTime?: string;
}

export function readDetachedCms(der: Uint8Array): ReadCms {
  let signed: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) return { problem: 'malformed', certificates: [] };
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return { problem: 'malformed', certificates: [] };
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { problem: 'malformed', certificates: [] };
  }

  const carried = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const certificates = carried.map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) return { problem: 'malformed', certificates };
  const signerIndex = carried.findIndex((c) => identifies(signerInfo.sid, c));
  const signer = certificates[signerIndex];
  const digestAlgorithm = digestByOid[signerInfo.digestAlgorithm.algorithmId];
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const signingTime = readTime(attrs.find((a) => a.type === oidSigningTime));
  const base = { certificates, ...(signer ? { signer } : {}), ...(digestAlgorithm ? { digestAlgorithm } : {}), ...(signingTime ? { signingTime } : {}) };
  const claimed = attrs.find((a) => a.type === oidMessageDigest)?.values[0];
  if (!signer || !digestAlgorithm || !(claimed instanceof asn1js.OctetString)) return { ...base, problem: 'malformed' };

  const signatureHolds = async (signedBytes: () => Uint8Array) => {
    // RFC 5652 requires the content type among signed attributes; pkijs refuses a signature without it, and so do we.
    if (!attrs.some((a) => a.type === oidContentType)) return false;
    const own = signatureValueHolds(
      new Uint8Array(signerInfo.signedAttrs!.encodedValue),
      signerInfo.signature.valueBlock.valueHexView,
      signer.publicKey,
      signerInfo.signatureAlgorithm,
      digestAlgorithm,
    );
    if (own !== null) return own;
    try {
      return await signed.verify({ signer: 0, data: toArrayBuffer(signedBytes()), checkChain: false }, engine);
    } catch {
      return false;
    }
  };
  return { ...base, claimedDigest: Buffer.from(claimed.valueBlock.valueHexView), signatureHolds };
}

/**
 * Checks a detached CMS SignedData against the digest of the bytes it claims to cover: the messageDigest attribute
 * first (a mismatch means the signed bytes changed), then the signature value over the signed attributes.
 */
export async function checkDetachedCms(cms: ReadCms, digest: Buffer | undefined, signedBytes: () => Uint8Array): Promise<CmsCheck> {
  const { problem, claimedDigest, signatureHolds, ...base } = cms;
  if (problem || !claimedDigest || !signatureHolds || !digest) return { ...base, intact: false, problem: 'malformed' };
  if (!digest.equals(claimedDigest)) return { ...base, intact: false, problem: 'digestMismatch' };
  return (await signatureHolds(signedBytes)) ? { ...base, intact: true } : { ...base, intact: false, problem: 'badSignature' };
}

/** The signer as pkijs finds it: by issuer and serial number, or by the SHA-1 of its public key. */
function identifies(sid: pkijs.SignerInfo['sid'], cert: pkijs.Certificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) return cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber);
  // [0] subjectKeyIdentifier: parsed as a bare context-tagged value, or wrapped around an OCTET STRING.
  const inner: unknown = sid instanceof asn1js.Constructed ? sid.valueBlock.value[0] : sid;
  const keyId = inner instanceof asn1js.Primitive || inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : undefined;
  const own = createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  return keyId !== undefined && own.equals(keyId);
}

function readTime(attr: pkijs.Attribute | undefined): string | undefined {
  const value = attr?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate().toISOString();
  return undefined;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

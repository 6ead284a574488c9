import { verifyReasonKeys, type SignatureCheck, type VerificationReport } from '../../src-shared/pdf/verification';
import type { OnProgress } from '../../src-shared/pdf/progress';
import type { CertificateInfo } from '../../src-shared/identity/types';
import { describeCertificate } from './certificate-info';
import { checkDetachedCms, readDetachedCms } from './cms';
import { checkEvidence } from './evidence-check';
import { lastIndexOfBytes } from './find-bytes';
import { hashFile, rangeDigest, rangeDigestCost } from './file-hash';
import { refuseIfNotPdf } from './header';
import { findHiddenSeal } from './hidden-seal';
import { ProgressMeter } from './progress-meter';
import { findSignatures, signedBytes } from './signatures';
import { noAnchors, trustOf, type TrustAnchors } from './trust';
import { subjectField } from './subject';

const embeddedFile = Buffer.from('/EmbeddedFile');

export interface VerifyOptions {
  /** Called as the work advances (see `Progress`); the bytes hashed dominate, and are reported in 8 MiB steps. */
  onProgress?: OnProgress;
}

/**
 * Checks every signature of a PDF: its digest over exactly the bytes it claims, its CMS signature, whether the last one
 * reaches the end of the file (anything appended after it means the document was modified after signing), and, kept
 * apart from integrity, whether the sealing certificate leads to a CA this installation trusts.
 */
export async function verifyPdf(bytes: Uint8Array, anchors: TrustAnchors = noAnchors, options: VerifyOptions = {}): Promise<VerificationReport> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  refuseIfNotPdf(buf);
  const located = findSignatures(buf);
  // Each CMS is read before hashing: its digest algorithm decides whether the signed bytes' hash can continue the file's.
  const read = located.map((sig) => (sig.cms ? readDetachedCms(sig.cms) : null));
  const extraBytes = located.reduce((sum, sig, i) => sum + rangeDigestCost(sig.byteRange, read[i]?.problem ? undefined : read[i]?.digestAlgorithm), 0);
  // One unit for each later step: a signature checked, the evidence (or the remains of a seal) looked for.
  const meter = new ProgressMeter(options.onProgress, buf.length + extraBytes + located.length + 1);
  meter.report('read');
  const file = await hashFile(buf, meter);
  const sha256 = file.sha256;
  if (located.length === 0) {
    meter.report('evidence');
    const hidden = await findHiddenSeal(buf);
    meter.finish('evidence');
    if (hidden) return { verdict: 'tampered', reasons: [verifyReasonKeys[hidden]], signatures: [], fileSize: buf.length, sha256 };
    return { verdict: 'unsigned', reasons: [verifyReasonKeys.unsigned], signatures: [], fileSize: buf.length, sha256 };
  }

  const signatures: SignatureCheck[] = [];
  for (const [index, sig] of located.entries()) {
    const [, , c, d] = sig.byteRange;
    const readCms = read[index];
    const algorithm = readCms?.problem ? undefined : readCms?.digestAlgorithm;
    const digest = algorithm ? await rangeDigest(file, buf, sig.byteRange, algorithm, meter) : undefined;
    meter.report('signature');
    const cms = readCms ? await checkDetachedCms(readCms, digest, () => signedBytes(buf, sig.byteRange)) : null;
    meter.report('signature', 1);
    const signer = cms?.signer;
    signatures.push({
      index,
      subFilter: sig.subFilter,
      signerName: signer ? subjectField(signer.subject, 'CN') ?? signer.subject : '',
      signerOrganization: signer ? subjectField(signer.subject, 'O') : undefined,
      signedAt: cms?.signingTime,
      digestAlgorithm: cms?.digestAlgorithm,
      byteRange: sig.byteRange,
      coversWholeFile: c + d === buf.length,
      intact: cms?.intact ?? false,
      problem: cms ? cms.problem : 'malformed',
      trust: signer && cms?.intact ? trustOf(signer, cms.certificates, anchors) : 'unknown',
      certificate: signer ? describeCertificate(signer) : noCertificate,
    });
  }

  // Only a file whose signatures all hold is parsed further: then the evidence is exactly the bytes that were sealed,
  // and a hostile file never reaches the (lenient, memory-hungry on garbage) full PDF parser.
  // Only the sealed part is read, never bytes appended after the last signature.
  const sealedEnd = located.at(-1)!.byteRange[2] + located.at(-1)!.byteRange[3];
  // An attachment's name and file specification may be packed into a compressed object stream, but its contents are a
  // stream, and a stream's dictionary never is: Signet writes it /Type /EmbeddedFile, and tools that re-save a file keep
  // that. A file without it is not parsed at all: verification then reads each byte about once, like a hash, whatever
  // its page count.
  const sealedPart = buf.subarray(0, sealedEnd);
  meter.report('evidence');
  const mayHoldEvidence = lastIndexOfBytes(sealedPart, embeddedFile) >= 0;
  const evidence = signatures.every((s) => s.intact) && mayHoldEvidence ? await checkEvidence(sealedPart, (n) => file.prefix(n).digest('hex')) : undefined;
  meter.finish('evidence');
  const base = { signatures, fileSize: buf.length, sha256, ...(evidence ? { evidence } : {}) };
  const reasons: string[] = [];
  for (const s of signatures) if (!s.intact) reasons.push(verifyReasonKeys[s.problem ?? 'malformed']);
  const last = signatures[signatures.length - 1]!;
  if (!last.coversWholeFile) reasons.push(verifyReasonKeys.modifiedAfterSigning);
  if (evidence && !evidence.chainIntact) reasons.push(verifyReasonKeys.evidenceBroken);
  if (evidence && !evidence.originalIntact) reasons.push(verifyReasonKeys.originalChanged);
  if (reasons.length > 0) return { verdict: 'tampered', reasons: [...new Set(reasons)], ...base };
  if (last.trust === 'unknown') return { verdict: 'untrusted', reasons: [verifyReasonKeys.untrusted], ...base };
  return { verdict: 'valid', reasons: [], ...base };
}

/** A signature whose CMS names no readable certificate still gets a row; its certificate is then blank. */
const noCertificate: CertificateInfo = { subject: '', issuer: '', serialNumber: '', notBefore: '', notAfter: '', sha256: '' };

import { PDF } from '@libpdf/core';
import { evidenceFileName, type Evidence } from '../../src-shared/pdf/certificate';
import type { EvidenceCheck } from '../../src-shared/pdf/verification';
import { firstBrokenLink } from '../evidence/chain';

/**
 * Reads Signet's evidence attachment, if the file has one, and checks it against the file itself: the history's hash
 * chain must hold, and the original must still be the first bytes of the file with the SHA-256 the evidence names
 * (composition only ever appends, so a sealed document carries its original unchanged). `prefixSha256` hashes the
 * file's first bytes; verification passes one that continues the hash it already made of the whole file.
 */
export async function checkEvidence(buf: Buffer, prefixSha256: (length: number) => string): Promise<EvidenceCheck | undefined> {
  let raw: Uint8Array | null;
  try {
    raw = (await PDF.load(buf)).getAttachment(evidenceFileName);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let evidence: Evidence;
  try {
    evidence = JSON.parse(new TextDecoder().decode(raw)) as Evidence;
    if (evidence.format !== 'signet-evidence/1' || !Array.isArray(evidence.events)) throw new Error('unknown format');
  } catch {
    return { documentId: '', documentNumber: '', chainIntact: false, originalIntact: false, chainHead: '' };
  }
  const brokenAt = firstBrokenLink(evidence.events);
  const headMatches = (evidence.events.at(-1)?.hash ?? '') === evidence.chainHead;
  const { size, sha256 } = evidence.original ?? { size: -1, sha256: '' };
  const originalIntact = Number.isInteger(size) && size > 0 && size <= buf.length && prefixSha256(size) === sha256;
  return {
    documentId: String(evidence.documentId ?? ''),
    documentNumber: String(evidence.documentNumber ?? ''),
    chainIntact: brokenAt === -1 && headMatches,
    originalIntact,
    chainHead: String(evidence.chainHead ?? ''),
  };
}

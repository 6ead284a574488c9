import type { CertificateInfo } from '../identity/types';

/**
 * The result of checking a PDF, as the Verify section, the CLI (`--json`) and the server report it.
 * Integrity (were the signed bytes changed?) is kept apart from trust (do we know who signed?).
 */
export type SignatureProblem =
  /** The bytes a signature covers no longer hash to the digest it signed. */
  | 'digestMismatch'
  /** The CMS signature value does not verify with the certificate in it. */
  | 'badSignature'
  /** The signature structure cannot be read (damaged /Contents, bad /ByteRange). */
  | 'malformed';

export type TrustLevel = 'companyCa' | 'trustAnchor' | 'unknown';

export interface SignatureCheck {
  index: number;
  fieldName?: string | undefined;
  subFilter?: string | undefined;
  signerName: string;
  signerOrganization?: string | undefined;
  /** ISO time claimed by the signer (signingTime attribute or /M); not proven by a timestamp authority. */
  signedAt?: string | undefined;
  digestAlgorithm?: string | undefined;
  byteRange: [number, number, number, number];
  /** The signature covers the file up to its end as it was when this signature was made. */
  coversWholeFile: boolean;
  intact: boolean;
  problem?: SignatureProblem | undefined;
  trust: TrustLevel;
  certificate: CertificateInfo;
}

export type VerificationVerdict =
  /** Every signature intact, the last covers the whole file, and it is trusted. */
  | 'valid'
  /** Intact and complete, but sealed by a certificate this installation does not trust. */
  | 'untrusted'
  /** A signature is broken, or bytes were added after the last signature. */
  | 'tampered'
  /** A readable PDF with no signature at all. */
  | 'unsigned';

/** What Signet's own evidence attachment says, checked against the file. */
export interface EvidenceCheck {
  documentId: string;
  documentNumber: string;
  /** Every event links to the one before and the head matches. */
  chainIntact: boolean;
  /** The file still begins with the original, byte for byte, as its SHA-256 in the evidence says. */
  originalIntact: boolean;
  chainHead: string;
}

export interface VerificationReport {
  verdict: VerificationVerdict;
  /** Why the verdict is not "valid", as i18n keys (`verify.reason.*`), most serious first. */
  reasons: string[];
  signatures: SignatureCheck[];
  fileSize: number;
  sha256: string;
  /** Absent for PDFs sealed by other tools. */
  evidence?: EvidenceCheck | undefined;
}

/** CLI exit codes, documented in the README. */
export const verifyExitCodes = { valid: 0, tampered: 1, unreadable: 2, unsigned: 2, untrusted: 3 } as const;

/** The i18n key of each reason, spelled out so every key stays findable (and translated). */
export const verifyReasonKeys = {
  digestMismatch: 'verify.reason.digestMismatch',
  badSignature: 'verify.reason.badSignature',
  malformed: 'verify.reason.malformed',
  modifiedAfterSigning: 'verify.reason.modifiedAfterSigning',
  untrusted: 'verify.reason.untrusted',
  unsigned: 'verify.reason.unsigned',
  evidenceBroken: 'verify.reason.evidenceBroken',
  originalChanged: 'verify.reason.originalChanged',
  signatureRewritten: 'verify.reason.signatureRewritten',
  sealRemoved: 'verify.reason.sealRemoved',
} as const;

import type { FieldKind } from '../fields/kinds';
import type { FieldRect } from '../fields/placement';
import type { UiLanguage } from '../settings/schema';

/** One entry of a document's history as the evidence records it; `hash` chains it to the entry before. */
export interface EvidenceEvent {
  at: string;
  type: string;
  actor: string;
  details?: Record<string, string> | undefined;
  prevHash: string;
  hash: string;
}

export interface CertificateSigner {
  name: string;
  side: 'company' | 'counterparty';
  email?: string | undefined;
  phone?: string | undefined;
  /** How identity was checked, as an i18n key under `certificate.identity.*` (e.g. `appLogin`, `smsCode`). */
  identityCheck: string;
  signedAt: string;
  /** IANA zone of the signer's local time, e.g. Europe/Warsaw. */
  timeZone?: string | undefined;
  device?: string | undefined;
  ip?: string | undefined;
  /** PNG of the drawn or typed signature. */
  signaturePng?: Uint8Array | undefined;
}

/** Everything the certificate of authenticity prints, and the evidence attachment carries. */
export interface CertificateData {
  documentId: string;
  documentNumber: string;
  title: string;
  companyName: string;
  originalSha256: string;
  originalSize: number;
  originalPages: number;
  signers: CertificateSigner[];
  events: EvidenceEvent[];
  language: UiLanguage;
}

/** The machine-readable evidence (`signet-evidence.json`) embedded in every sealed document. */
export interface Evidence {
  format: 'signet-evidence/1';
  documentId: string;
  documentNumber: string;
  title: string;
  original: { sha256: string; size: number; pages: number };
  signers: Omit<CertificateSigner, 'signaturePng'>[];
  events: EvidenceEvent[];
  /** The fields drawn on the pages; absent when the document had none (a plain company seal). */
  fields?: EvidenceField[] | undefined;
  /** Hash of the last event: the head of the chain, also printed and in the QR code. */
  chainHead: string;
}

/** One placed field as the evidence records it: where it is, who filled it, and a fingerprint of what they filled in. */
export interface EvidenceField {
  id: string;
  kind: FieldKind;
  /** 0-based page index. */
  page: number;
  rect: FieldRect;
  signerId: string;
  /**
   * SHA-256 (hex) of the normalised value: of the PNG bytes for a signature or initials (the image itself is drawn on the
   * page, not copied here), of the UTF-8 text otherwise (a number as JavaScript prints it, a checkbox as `true`/`false`).
   * Null for an optional field left empty.
   */
  sha256: string | null;
}

export const evidenceFileName = 'signet-evidence.json';

/** j•••••@example.pl — enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}${'•'.repeat(Math.max(2, user.length - 1))}@${domain}`;
}

/** +48 ••• ••• 567 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `+${digits.slice(0, 2)} ••• ••• ${digits.slice(-3)}`;
}

import type { DocumentSigner, DocumentSummary } from '../../../src-shared/documents/types';

const outForSigning = new Set<DocumentSummary['phase']>(['companySigning', 'counterpartySigning']);
const finished = (s: DocumentSigner) => s.status === 'signed' || s.status === 'declined';

/**
 * The employee's own place on a document whose turn it is. The company signs in any order and in either order of
 * signing a company signer may sign as soon as the document is out (see `mayNowSign`), so the summary's phase is
 * enough: the signing order, which the summary does not carry, only matters to the counterparty.
 */
export function mySignerDue(doc: Pick<DocumentSummary, 'phase' | 'signers'>, userId: string): DocumentSigner | undefined {
  if (!outForSigning.has(doc.phase)) return undefined;
  return doc.signers.find((s) => s.side === 'company' && s.userId === userId && !finished(s));
}

/**
 * Counterparty signers who may sign now, in person on this computer. A counterparty's turn comes when the document is
 * with them: in "company first" once the company has signed, all at once from the start; both put the document in
 * the counterparty phase (`signingPhase`) for exactly as long as one of them is still to sign.
 */
export function counterpartiesDue(doc: Pick<DocumentSummary, 'phase' | 'signers'>): DocumentSigner[] {
  if (doc.phase !== 'counterpartySigning') return [];
  return doc.signers.filter((s) => s.side === 'counterparty' && !finished(s));
}

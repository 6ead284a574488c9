import type { MainPhase } from '../documents/lifecycle';
import type { DocumentSigner, SignerStatus } from '../documents/types';

/**
 * Who may sign when. The seed's default is the company first, then the other party; "all at once" lets everyone sign
 * as soon as the document is sent. Within one side there is no order: the company's signers sign in any order.
 */
export const signingOrders = ['companyFirst', 'parallel'] as const;
export type SigningOrder = (typeof signingOrders)[number];

type Signer = Pick<DocumentSigner, 'id' | 'side' | 'status'>;

const finished: ReadonlySet<SignerStatus> = new Set(['signed', 'declined']);

/** Whether this signer's turn has come: they have not signed or declined, and in "company first" the company is done. */
export function mayNowSign(signers: readonly Signer[], order: SigningOrder, signerId: number): boolean {
  const signer = signers.find((s) => s.id === signerId);
  if (!signer || finished.has(signer.status)) return false;
  if (order === 'parallel' || signer.side === 'company') return true;
  return signers.filter((s) => s.side === 'company').every((s) => s.status === 'signed');
}

/** The signers whose turn it is now: the ones to send a link to (or show "To sign" to). */
export function signersDue(signers: readonly Signer[], order: SigningOrder): Signer[] {
  return signers.filter((s) => mayNowSign(signers, order, s.id));
}

/**
 * The phase the document belongs in while it is out for signing: everyone signed → signed; the company still to sign
 * (and, in "company first", before anyone else) → companySigning; otherwise it is with the counterparty.
 */
export function signingPhase(signers: readonly Signer[], order: SigningOrder): Extract<MainPhase, 'companySigning' | 'counterpartySigning' | 'signed'> {
  if (signers.length > 0 && signers.every((s) => s.status === 'signed')) return 'signed';
  const companyPending = signers.some((s) => s.side === 'company' && s.status !== 'signed');
  const counterpartyPending = signers.some((s) => s.side === 'counterparty' && s.status !== 'signed');
  if (companyPending && (order === 'companyFirst' || !counterpartyPending)) return 'companySigning';
  return 'counterpartySigning';
}

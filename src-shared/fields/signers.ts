export type SignerSide = 'company' | 'counterparty';

/**
 * How a field names the person who fills it: their side and their place among that side's signers, 1-based
 * (`company-1`, `counterparty-2`), not the signer row's id. The wizard's signer step replaces rows when signers are
 * chosen again, and a reference per side means that adding a company signer does not hand the counterparty's fields
 * to someone else.
 */
export function signerRef(side: SignerSide, ordinal: number): string {
  return `${side}-${ordinal}`;
}

/** The reference of each signer, in the order given (the signers' stored position). */
export function signerRefs(signers: readonly { side: SignerSide }[]): string[] {
  const seen: Record<SignerSide, number> = { company: 0, counterparty: 0 };
  return signers.map((s) => signerRef(s.side, ++seen[s.side]));
}

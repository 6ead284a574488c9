import type { SignerStatus } from '../../src-shared/documents/types';
import { mayNowSign, signingOrders, type SigningOrder } from '../../src-shared/signing/order';

/** A published signer as the order reads them; the server's statuses (waiting | signed | declined) are the desktop's too. */
export interface OrderedSigner {
  id: string;
  side: string;
  status: string;
}

const orderOf = (order: string): SigningOrder => ((signingOrders as readonly string[]).includes(order) ? (order as SigningOrder) : 'companyFirst');

/**
 * Whether it is this published signer's turn, by the desktop's own rule (mayNowSign, src-shared/signing/order.ts). It
 * names signers by the desktop's numeric ids; the server's are UUIDs, so each is numbered by its place here.
 */
export function isTurnOf(signers: readonly OrderedSigner[], order: string, signerId: string): boolean {
  const numbered = signers.map((s, i) => ({ id: i, side: s.side === 'company' ? ('company' as const) : ('counterparty' as const), status: s.status as SignerStatus }));
  return mayNowSign(numbered, orderOf(order), signers.findIndex((s) => s.id === signerId));
}

export const allSigned = (signers: readonly Pick<OrderedSigner, 'status'>[]): boolean => signers.length > 0 && signers.every((s) => s.status === 'signed');

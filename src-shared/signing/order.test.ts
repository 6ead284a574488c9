import { describe, expect, it } from 'vitest';
import type { SignerStatus } from '../documents/types';
import { mayNowSign, signersDue, signingPhase } from './order';

const signer = (id: number, side: 'company' | 'counterparty', status: SignerStatus = 'sent') => ({ id, side, status });

describe('signing order', () => {
  const board = [signer(1, 'company'), signer(2, 'company'), signer(3, 'counterparty')];

  it('company first: the company signs in any order, the counterparty only once every company signer has', () => {
    expect(signersDue(board, 'companyFirst').map((s) => s.id)).toEqual([1, 2]);
    expect(mayNowSign(board, 'companyFirst', 3)).toBe(false);
    const oneSigned = [signer(1, 'company', 'signed'), signer(2, 'company'), signer(3, 'counterparty')];
    expect(signersDue(oneSigned, 'companyFirst').map((s) => s.id)).toEqual([2]);
    const companyDone = [signer(1, 'company', 'signed'), signer(2, 'company', 'signed'), signer(3, 'counterparty', 'viewed')];
    expect(signersDue(companyDone, 'companyFirst').map((s) => s.id)).toEqual([3]);
  });

  it('all at once: everyone who has not signed or declined may sign; nobody signs twice; an unknown signer never', () => {
    expect(signersDue(board, 'parallel').map((s) => s.id)).toEqual([1, 2, 3]);
    const mixed = [signer(1, 'company', 'signed'), signer(2, 'company', 'declined'), signer(3, 'counterparty', 'identityChecked')];
    expect(signersDue(mixed, 'parallel').map((s) => s.id)).toEqual([3]);
    expect(mayNowSign(mixed, 'parallel', 1)).toBe(false);
    expect(mayNowSign(mixed, 'parallel', 99)).toBe(false);
  });

  it('the phase follows the signatures: company signing, then with the counterparty, then signed', () => {
    expect(signingPhase(board, 'companyFirst')).toBe('companySigning');
    expect(signingPhase([signer(1, 'company', 'signed'), signer(2, 'company', 'signed'), signer(3, 'counterparty')], 'companyFirst')).toBe('counterpartySigning');
    expect(signingPhase(board.map((s) => ({ ...s, status: 'signed' as const })), 'companyFirst')).toBe('signed');
    // All at once, the document is out with the counterparty until only the company is left to sign.
    expect(signingPhase(board, 'parallel')).toBe('counterpartySigning');
    expect(signingPhase([signer(1, 'company'), signer(3, 'counterparty', 'signed')], 'parallel')).toBe('companySigning');
    // Only company signers (an internal document): company signing until done.
    expect(signingPhase([signer(1, 'company')], 'parallel')).toBe('companySigning');
    expect(signingPhase([], 'companyFirst')).toBe('counterpartySigning');
  });
});

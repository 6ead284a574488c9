import { describe, expect, it } from 'vitest';
import type { DocumentSigner } from '../../../src-shared/documents/types';
import { lockedCodeSigners } from './locked-codes';

const jan: DocumentSigner = { id: 7, side: 'counterparty', name: 'Jan Kowalski', status: 'viewed' };
const ewa: DocumentSigner = { id: 8, side: 'counterparty', name: 'Ewa Wiśniewska', status: 'sent' };
const locked = (signer: number) => ({ type: 'otpLocked', details: { signer: String(signer), serverSeq: '4' } });
const unlocked = (signer: number) => ({ type: 'otpUnlocked', details: { signer: String(signer) } });

describe('lockedCodeSigners', () => {
  it('names the signers whose last lock or unlock is a lock', () => {
    const doc = { phase: 'counterpartySigning' as const, signers: [jan, ewa], events: [locked(7), locked(8), unlocked(8), { type: 'otpSent', details: { signer: '7' } }] };
    expect(lockedCodeSigners(doc)).toEqual([jan]);
    expect(lockedCodeSigners({ ...doc, events: [...doc.events, unlocked(7), locked(8)] })).toEqual([ewa]);
  });

  it('names nobody without the history, once they signed, or when the document is no longer out for signing', () => {
    expect(lockedCodeSigners({ phase: 'counterpartySigning', signers: [jan] })).toEqual([]);
    expect(lockedCodeSigners({ phase: 'counterpartySigning', signers: [{ ...jan, status: 'signed' }], events: [locked(7)] })).toEqual([]);
    expect(lockedCodeSigners({ phase: 'cancelled', signers: [jan], events: [locked(7)] })).toEqual([]);
  });
});

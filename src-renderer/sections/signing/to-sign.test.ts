import { describe, expect, it } from 'vitest';
import type { DocumentSigner, DocumentSummary } from '../../../src-shared/documents/types';
import { counterpartiesDue, mySignerDue } from './to-sign';

const me = 'u-1';
const signer = (id: number, side: DocumentSigner['side'], status: DocumentSigner['status'], userId?: string): DocumentSigner => ({ id, side, status, userId, name: `S${id}` });
const doc = (phase: DocumentSummary['phase'], signers: DocumentSigner[]) => ({ phase, signers });

describe('whose turn it is', () => {
  it('my signature is due while the document is out and I have neither signed nor declined', () => {
    const signers = [signer(1, 'company', 'sent', me), signer(2, 'counterparty', 'waiting')];
    expect(mySignerDue(doc('companySigning', signers), me)?.id).toBe(1);
    expect(mySignerDue(doc('counterpartySigning', signers), me)?.id).toBe(1);
    expect(mySignerDue(doc('draft', signers), me)).toBeUndefined();
    expect(mySignerDue(doc('companySigning', signers), 'u-2')).toBeUndefined();
    expect(mySignerDue(doc('companySigning', [signer(1, 'company', 'signed', me)]), me)).toBeUndefined();
    expect(mySignerDue(doc('declined', [signer(1, 'company', 'declined', me)]), me)).toBeUndefined();
  });

  it('counterparties sign in person only while the document is with them', () => {
    const signers = [signer(1, 'company', 'signed', me), signer(2, 'counterparty', 'sent'), signer(3, 'counterparty', 'signed')];
    expect(counterpartiesDue(doc('counterpartySigning', signers)).map((s) => s.id)).toEqual([2]);
    expect(counterpartiesDue(doc('companySigning', signers))).toEqual([]);
    expect(counterpartiesDue(doc('signed', signers))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { counterpartyOf, nextAction, type NextAction } from './next-action';
import { phases, type Phase } from './lifecycle';
import { signerStatuses, type DocumentSigner, type SignerStatus } from './types';

const me = 'user-me';
const other = 'user-other';

function doc(phase: Phase, signers: DocumentSigner[], ownerId = me) {
  return { phase, signers, ownerId, ownerName: ownerId === me ? 'Me' : 'Olga Owner' };
}
const mine = (status: SignerStatus): DocumentSigner => ({ id: 1, side: 'company', userId: me, name: 'Me', status });
const colleague = (status: SignerStatus): DocumentSigner => ({ id: 2, side: 'company', userId: other, name: 'Cezary Kolega', status });
const client = (status: SignerStatus, companyName?: string): DocumentSigner => ({ id: 3, side: 'counterparty', contactId: 'c1', name: 'Anna Klient', companyName, status });

/** Statuses in which a signer still owes a signature. */
const owing: SignerStatus[] = ['waiting', 'sent', 'viewed', 'identityChecked'];

describe('nextAction', () => {
  it('draft: the owner adds signers, then sends; a colleague sees it is the owner\'s turn', () => {
    expect(nextAction(doc('draft', []), me)).toEqual({ key: 'addSigners', whose: 'you' });
    expect(nextAction(doc('draft', [mine('waiting'), client('waiting')]), me)).toEqual({ key: 'readyToSend', whose: 'you' });
    expect(nextAction(doc('draft', [client('waiting')], other), me)).toEqual({ key: 'readyToSend', whose: 'colleague', colleague: 'Olga Owner' });
    // Owing a signature on a draft is not yet a turn to sign: nothing has been sent.
    expect(nextAction(doc('draft', [mine('waiting')], other), me).key).toBe('readyToSend');
  });

  for (const status of owing) {
    it(`company signing, my signature ${status}: my signature is needed, in either signing phase`, () => {
      const expected: NextAction = { key: 'yourSignature', whose: 'you' };
      expect(nextAction(doc('companySigning', [mine(status), client('waiting')], other), me)).toEqual(expected);
      expect(nextAction(doc('counterpartySigning', [mine(status), client('signed')], other), me)).toEqual(expected);
    });
    it(`company signing, a colleague's signature ${status}: waiting for that colleague`, () => {
      expect(nextAction(doc('companySigning', [mine('signed'), colleague(status), client('waiting')]), me)).toEqual({
        key: 'waitingCompany', whose: 'colleague', name: 'Cezary Kolega', colleague: 'Cezary Kolega',
      });
    });
    it(`counterparty signing, the client's signature ${status}: waiting for the client, named by company`, () => {
      expect(nextAction(doc('counterpartySigning', [mine('signed'), client(status, 'Hurtownia Kowalski')]), me)).toEqual({
        key: 'waitingCounterparty', whose: 'counterparty', name: 'Hurtownia Kowalski',
      });
      expect(nextAction(doc('counterpartySigning', [mine('signed'), client(status)]), me).name).toBe('Anna Klient');
    });
  }

  it('company signing, every company signer signed (or none needed): the owner sends it on', () => {
    expect(nextAction(doc('companySigning', [mine('signed'), client('waiting')]), me)).toEqual({ key: 'sendToCounterparty', whose: 'you' });
    expect(nextAction(doc('companySigning', [client('waiting')], other), me)).toEqual({ key: 'sendToCounterparty', whose: 'colleague', colleague: 'Olga Owner' });
  });

  it('counterparty signing: once the client signed, a colleague still owing comes next, then the owner marks it signed', () => {
    expect(nextAction(doc('counterpartySigning', [colleague('viewed'), client('signed')]), me).key).toBe('waitingCompany');
    expect(nextAction(doc('counterpartySigning', [mine('signed'), client('signed')]), me)).toEqual({ key: 'markSigned', whose: 'you' });
  });

  it('finished phases need nobody; declined and expired go back to the owner', () => {
    const all = [mine('signed'), client('signed')];
    expect(nextAction(doc('signed', all), me)).toEqual({ key: 'finished', whose: 'nobody' });
    expect(nextAction(doc('archived', all), me)).toEqual({ key: 'archived', whose: 'nobody' });
    expect(nextAction(doc('cancelled', [mine('waiting')]), me)).toEqual({ key: 'cancelled', whose: 'nobody' });
    expect(nextAction(doc('declined', [mine('signed'), client('declined', 'Hurtownia Kowalski')], other), me)).toEqual({
      key: 'declined', whose: 'colleague', colleague: 'Olga Owner', name: 'Hurtownia Kowalski',
    });
    expect(nextAction(doc('declined', [colleague('declined'), client('waiting')]), me)).toEqual({ key: 'declined', whose: 'you', name: 'Cezary Kolega' });
    expect(nextAction(doc('expired', [mine('signed'), client('viewed')]), me)).toEqual({ key: 'expired', whose: 'you' });
  });

  it('answers for every phase and every signer status (no case falls through)', () => {
    for (const phase of phases) {
      for (const status of signerStatuses) {
        const action = nextAction(doc(phase, [mine(status), colleague(status), client(status)], other), me);
        expect(action.key, `${phase}/${status}`).toMatch(/^[a-zA-Z]+$/);
        expect(action.whose === 'colleague', `${phase}/${status}`).toBe(action.colleague !== undefined);
      }
    }
  });
});

describe('counterpartyOf', () => {
  it('is the first counterparty signer\'s company, else their name; none without a counterparty', () => {
    expect(counterpartyOf({ signers: [mine('waiting'), client('waiting', 'Hurtownia Kowalski'), { ...client('waiting'), id: 4, name: 'Second' }] })).toBe('Hurtownia Kowalski');
    expect(counterpartyOf({ signers: [client('waiting')] })).toBe('Anna Klient');
    expect(counterpartyOf({ signers: [mine('waiting')] })).toBeUndefined();
  });
});

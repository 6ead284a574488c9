import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeSigningEvent } from './signing-events';
import { makeTranslators } from '../../i18n/test-translators';

let tEn: TFunction;
let tPl: TFunction;

beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

const signers = [
  { id: 7, name: 'Anna Nowak' },
  { id: 8, name: 'Marta Kowalczyk' },
];

describe('the signing steps in a document’s history', () => {
  it('says who was sent a code and how, whose identity was checked, who was reminded, who signed, and the seal', () => {
    const say = (type: string, details?: Record<string, string>) => describeSigningEvent(tEn, { type, details }, signers);
    expect(say('sent', { order: 'companyFirst' })).toBe('Sent for signature');
    expect(say('signed', { signer: '7', method: 'drawn' })).toBe('Signed by Anna Nowak');
    expect(say('otpSent', { signer: '8', channel: 'email' })).toBe('Signing code sent to Marta Kowalczyk by e-mail');
    expect(say('identityChecked', { signer: '8', channel: 'sms' })).toBe('Identity checked: Marta Kowalczyk, with a code by SMS');
    expect(say('declined', { signer: '8', reason: 'Nie' })).toBe('Declined by Marta Kowalczyk');
    expect(say('sealed', { sha256: 'ab' })).toBe('Sealed with the company certificate');
    expect(describeSigningEvent(tPl, { type: 'otpSent', details: { signer: '8', channel: 'email' } }, signers)).toBe('Wysłano kod do podpisu (e-mail): Marta Kowalczyk');
    expect(say('reminded', { signer: '7', channel: 'email', mode: 'manual' })).toBe('Reminder sent to Anna Nowak by e-mail');
    expect(say('reminded', { signer: '7', channel: 'email', mode: 'automatic' })).toBe('Automatic reminder sent to Anna Nowak by e-mail');
    expect(describeSigningEvent(tPl, { type: 'reminded', details: { signer: '7', channel: 'email', mode: 'automatic' } }, signers)).toBe('Wysłano automatyczne przypomnienie (e-mail): Anna Nowak');
  });

  it('says when a cancelled document was withdrawn on the company server, or why not yet', () => {
    expect(describeSigningEvent(tEn, { type: 'unpublished', details: { state: 'cancelled' } }, signers)).toBe('Withdrawn on the company server: its signing links no longer open');
    expect(describeSigningEvent(tPl, { type: 'unpublished', details: { state: 'cancelled' } }, signers)).toBe('Wycofano na serwerze firmy: linki do podpisu już się nie otwierają');
    const down = { error: 'companyServer.errors.unreachable', url: 'http://10.0.0.5:8443', reason: 'ECONNREFUSED' };
    expect(describeSigningEvent(tEn, { type: 'unpublishDelayed', details: down }, signers)).toMatch(/^Not withdrawn on the company server yet, it will be tried again: The company server at http:\/\/10\.0\.0\.5:8443 cannot be reached \(ECONNREFUSED\)/);
    expect(describeSigningEvent(tPl, { type: 'unpublishFailed', details: down }, signers)).toMatch(/^Serwer firmy nie wycofał dokumentu: /);
  });

  it('leaves other events to the timeline, and a signer no longer on the document as "?"', () => {
    expect(describeSigningEvent(tEn, { type: 'stageMoved', details: { from: 'a', to: 'b' } }, signers)).toBeUndefined();
    expect(describeSigningEvent(tEn, { type: 'signed', details: { signer: '99' } }, signers)).toBe('Signed by ?');
  });
});

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
    expect(say('declined', { signer: '8', reason: 'Nie' })).toBe('Declined by Marta Kowalczyk: “Nie”');
    expect(say('declined', { signer: '8' })).toBe('Declined by Marta Kowalczyk');
    expect(describeSigningEvent(tPl, { type: 'declined', details: { signer: '8', reason: 'Kwota się nie zgadza' } }, signers)).toBe('Odmowa podpisu: Marta Kowalczyk — „Kwota się nie zgadza”');
    expect(say('sealed', { sha256: 'ab' })).toBe('Sealed with the company certificate');
    expect(say('viewed', { signer: '8', channel: 'email' })).toBe('Opened by Marta Kowalczyk on the signing portal');
    expect(say('otpLocked', { signer: '8' })).toBe('Signing code locked for Marta Kowalczyk after five wrong codes');
    expect(describeSigningEvent(tPl, { type: 'viewed', details: { signer: '8' } }, signers)).toBe('Otwarto w portalu podpisu: Marta Kowalczyk');
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

  it('says whose signature the company server has not been told of, and why', () => {
    const down = { signer: '7', error: 'companyServer.errors.unreachable', url: 'http://10.0.0.5:8443', reason: 'ECONNREFUSED' };
    expect(describeSigningEvent(tEn, { type: 'signatureReportDelayed', details: down }, signers)).toMatch(
      /^The company server has not been told of the signature of Anna Nowak yet; it will be tried again: The company server at http:\/\/10\.0\.0\.5:8443 cannot be reached \(ECONNREFUSED\)/,
    );
    expect(describeSigningEvent(tPl, { type: 'signatureReportDelayed', details: down }, signers)).toMatch(/^Serwer firmy nie otrzymał jeszcze podpisu \(Anna Nowak\); próba zostanie ponowiona później: /);
    const unlinked = { signer: '7', error: 'companyServer.errors.notLinked' };
    expect(describeSigningEvent(tEn, { type: 'signatureReportFailed', details: unlinked }, signers)).toBe(`The company server was not told of the signature of Anna Nowak: ${tEn('companyServer.errors.notLinked')}`);
    expect(describeSigningEvent(tPl, { type: 'signatureReportFailed', details: unlinked }, signers)).toBe(`Nie przekazano serwerowi firmy podpisu (Anna Nowak): ${tPl('companyServer.errors.notLinked')}`);
  });

  it('counts the published links with plurals, in English and in Polish', () => {
    const published = (t: TFunction, links: string) => describeSigningEvent(t, { type: 'published', details: { links, held: '0' } }, signers);
    expect(published(tEn, '1')).toBe('Published to the company server: 1 signing link, 0 held until the company has signed');
    expect(published(tEn, '2')).toBe('Published to the company server: 2 signing links, 0 held until the company has signed');
    expect(published(tPl, '1')).toBe('Opublikowano na serwerze firmy: 1 link do podpisu, w tym wstrzymanych do podpisu firmy: 0');
    expect(published(tPl, '3')).toBe('Opublikowano na serwerze firmy: 3 linki do podpisu, w tym wstrzymanych do podpisu firmy: 0');
    expect(published(tPl, '5')).toBe('Opublikowano na serwerze firmy: 5 linków do podpisu, w tym wstrzymanych do podpisu firmy: 0');
  });

  it("gives a server's refusal in the reader's language, by its message key, not in the server's English words", () => {
    const refused = { error: 'companyServer.errors.refused', url: 'https://srv', status: '409', code: 'FILE_NOT_UPLOADED', message: 'The document file has not been uploaded', serverKey: 'companyServer.api.uploadTooLarge', serverValues: JSON.stringify({ limitMb: 100 }) };
    const text = describeSigningEvent(tPl, { type: 'publishFailed', details: refused }, signers)!;
    expect(text).toBe(`Serwer firmy odrzucił dokument: Serwer firmowy https://srv odrzucił żądanie (HTTP 409): ${tPl('companyServer.api.uploadTooLarge', { limitMb: 100 })}`);
    expect(text).toContain('100');
    expect(text).not.toContain('has not been uploaded');
    // An entry written before the server's key was kept still reads as it did.
    const { serverKey: _key, serverValues: _values, ...older } = refused;
    expect(describeSigningEvent(tEn, { type: 'publishDelayed', details: older }, signers)).toContain('has not been uploaded');
  });

  it('leaves other events to the timeline, and a signer no longer on the document as "?"', () => {
    expect(describeSigningEvent(tEn, { type: 'stageMoved', details: { from: 'a', to: 'b' } }, signers)).toBeUndefined();
    expect(describeSigningEvent(tEn, { type: 'signed', details: { signer: '99' } }, signers)).toBe('Signed by ?');
  });
});

import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { formatInstant, formatSize, reportText, type CheckedFile } from './format';
import { maxVerifyBytes, refuseIfTooLarge } from './read-file';
import { makeTranslators } from '../../i18n/test-translators';

let tEn: TFunction;
let tPl: TFunction;

beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

const file: CheckedFile = { name: 'umowa-zażółć.pdf', size: 54_512, checkedAt: '2026-11-27T12:30:00.000Z' };

const certificate = {
  subject: 'CN=Zakłady Łódzkie — pieczęć / seal, O=Zakłady Łódzkie Sp. z o.o.',
  issuer: 'CN=Zakłady Łódzkie — Signet CA, O=Zakłady Łódzkie Sp. z o.o.',
  serialNumber: '4F2A',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2031-01-01T00:00:00.000Z',
  sha256: 'ab'.repeat(32),
};

const untrusted: VerificationReport = {
  verdict: 'untrusted',
  reasons: ['verify.reason.untrusted'],
  fileSize: 54_512,
  sha256: 'cd'.repeat(32),
  signatures: [
    {
      index: 0,
      subFilter: 'ETSI.CAdES.detached',
      signerName: 'Zakłady Łódzkie — pieczęć / seal',
      signerOrganization: 'Zakłady Łódzkie Sp. z o.o.',
      signedAt: '2026-11-27T10:00:00.000Z',
      digestAlgorithm: 'sha256',
      byteRange: [0, 100, 200, 300],
      coversWholeFile: true,
      intact: true,
      trust: 'unknown',
      certificate,
    },
  ],
  evidence: { documentId: 'f3b0c7a2-0000-4000-8000-000000000001', documentNumber: 'UM/2026/11/0042', chainIntact: true, originalIntact: true, chainHead: 'ef'.repeat(32) },
};

const tampered: VerificationReport = {
  ...untrusted,
  verdict: 'tampered',
  reasons: ['verify.reason.digestMismatch'],
  signatures: [{ ...untrusted.signatures[0]!, intact: false, problem: 'digestMismatch', signedAt: undefined }],
  evidence: undefined,
};

describe('formatInstant', () => {
  it('gives the local time with its zone and the same instant in UTC, in the UI language', () => {
    expect(formatInstant('2026-11-27T10:00:00.000Z', 'en', 'Europe/Warsaw')).toEqual({
      local: 'November 27, 2026 at 11:00:00 AM GMT+1',
      utc: 'Nov 27, 2026, 10:00:00 AM UTC',
    });
    const polish = formatInstant('2026-11-27T10:00:00.000Z', 'pl', 'Europe/Warsaw');
    expect(polish?.local).toContain('27 listopada 2026');
    expect(polish?.local).toContain('11:00:00');
    expect(polish?.utc).toContain('10:00:00 UTC');
  });

  it('returns null for a missing or unreadable time instead of "Invalid Date"', () => {
    expect(formatInstant(undefined, 'en')).toBeNull();
    expect(formatInstant('not a date', 'en')).toBeNull();
  });
});

describe('formatSize', () => {
  it('uses binary multiples with the language’s decimal separator', () => {
    expect(formatSize(512, 'en')).toBe('512 byte');
    expect(formatSize(54_512, 'en')).toBe('53.2 kB');
    expect(formatSize(54_512, 'pl')).toBe('53,2 kB');
    expect(formatSize(100 * 1024 * 1024, 'en')).toBe('100 MB');
  });
});

describe('refuseIfTooLarge', () => {
  it('refuses a file over the PDF limit with the translated pdf.tooLarge and its limit in MB, before reading it', () => {
    expect(() => refuseIfTooLarge({ size: maxVerifyBytes })).not.toThrow();
    let caught: unknown;
    try {
      refuseIfTooLarge({ size: maxVerifyBytes + 1 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).messageKey).toBe('pdf.tooLarge');
    expect(tEn('pdf.tooLarge', (caught as AppError).details)).toBe('The PDF is larger than the limit of 100 MB.');
  });
});

describe('reportText', () => {
  it('carries the verdict, the reasons, every signature fact, the evidence and the file, in English', () => {
    const text = reportText(tEn, 'en', untrusted, file, 'Europe/Warsaw');
    expect(text).toContain('Signet — verification report');
    expect(text).toContain('File name: umowa-zażółć.pdf');
    expect(text).toContain('Size: 53.2 kB (54,512 bytes)');
    expect(text).toContain(`SHA-256: ${'cd'.repeat(32)}`);
    expect(text).toContain('Verdict: Intact, but sealed by a certificate this installation does not trust.');
    expect(text).toContain('  - The sealing certificate does not lead to a trusted certificate authority.');
    expect(text).toContain('Signature 1: Zakłady Łódzkie — pieczęć / seal');
    expect(text).toContain('  Organisation: Zakłady Łódzkie Sp. z o.o.');
    expect(text).toContain('  Signed at: November 27, 2026 at 11:00:00 AM GMT+1 (Nov 27, 2026, 10:00:00 AM UTC)');
    expect(text).toContain('  Integrity: intact');
    expect(text).toContain('  Coverage: covers the whole file');
    expect(text).toContain('  Certificate trust: not trusted');
    expect(text).toContain(`  SHA-256 fingerprint: ${'ab'.repeat(32)}`);
    expect(text).toContain('  Valid: from Jan 1, 2026 to Jan 1, 2031');
    expect(text).toContain('  Document number: UM/2026/11/0042');
    expect(text).toContain('  History chain intact: yes');
    expect(text).toContain(`  Final hash of the history: ${'ef'.repeat(32)}`);
    expect(text).not.toMatch(/verifyPage\.|verify\.(verdict|reason|trust|covers)/);
  });

  it('says which signature is broken and why, and that no time was stated, in Polish', () => {
    const text = reportText(tPl, 'pl', tampered, file, 'Europe/Warsaw');
    expect(text).toContain('Signet — raport z weryfikacji');
    expect(text).toContain('Wynik: NARUSZONY: dokument zmieniono po podpisaniu albo podpis jest uszkodzony.');
    expect(text).toContain('  - Podpisana treść zmieniła się od chwili podpisania.');
    expect(text).toContain('Integralność: USZKODZONY (Podpisana treść zmieniła się od chwili podpisania.)');
    expect(text).toContain('Czas podpisania: nie podano');
    expect(text).toContain('Rozmiar: 53,2 kB (bajtów: 54');
    expect(text).not.toContain('Zapis dowodowy Signet');
    expect(text).not.toMatch(/verifyPage\.|verify\.(verdict|reason|trust|covers)/);
  });
});

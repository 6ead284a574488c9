import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../../src-shared/documents/stages';
import { makeTranslators } from '../../i18n/test-translators';
import type { Names } from './labels';
import { stepDetail } from './step-detail';

let tEn: TFunction;
let tPl: TFunction;
beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

const stages: Stage[] = [{ id: 'st-signed', key: 'signed', color: '#16a34a', position: 3, phase: 'signed' }];
const names: Names = { users: [{ id: 'u1', name: 'Ewa Kowalska', isAdmin: false, isSigner: false }], stages, language: 'en' };

describe('stepDetail', () => {
  it('translates a refusal, with the values it came with', () => {
    expect(stepDetail(tEn, { messageKey: 'automation.notSealed' }, names)).toBe('The document is not sealed yet.');
    expect(stepDetail(tPl, { messageKey: 'automation.webhook.noSecret' }, names)).toBe('Sekretu webhooka nie ma w pęku kluczy.');
  });

  it('says what would happen from the values alone: the stage, the recipients, the new owner', () => {
    expect(stepDetail(tEn, { params: { stageId: 'st-signed' } }, names)).toBe('Into “Signed”.');
    expect(stepDetail(tEn, { params: { to: 'accounting@firma.pl, parties' } }, names)).toBe('To accounting@firma.pl, every party of the document.');
    expect(stepDetail(tEn, { params: { to: 'Ewa Kowalska', email: 'ewa@firma.pl' } }, names)).toBe('To Ewa Kowalska (also by e-mail to ewa@firma.pl).');
    expect(stepDetail(tEn, { params: { userId: 'u1' } }, names)).toBe('Ewa Kowalska becomes responsible.');
    expect(stepDetail(tPl, { params: { stageId: 'gone' } }, names)).toBe('Do etapu „usunięty etap”.');
    expect(stepDetail(tEn, {}, names)).toBe('');
  });
});

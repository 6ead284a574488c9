import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../../src-shared/automation/default-pipeline';
import type { Stage } from '../../../src-shared/documents/stages';
import { makeTranslators } from '../../i18n/test-translators';
import { actionSummary, conditionSummary, ruleTitle, sourceTitle, timingSummary, triggerTitle, type Names } from './labels';

let tEn: TFunction;
let tPl: TFunction;
beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

const stages: Stage[] = [
  { id: 'st-sent', key: 'sentCounterparty', color: '#2563eb', position: 2, phase: 'counterpartySigning' },
  { id: 'st-signed', key: 'signed', color: '#16a34a', position: 3, phase: 'signed' },
];
const names: Names = { users: [{ id: 'u-dir', name: 'Dorota Dyrektor', isAdmin: true, isSigner: true }], stages, language: 'en' };
const pipeline = defaultPipeline((key) => (key === 'signed' ? 'st-signed' : 'st-sent'), (() => {
  let n = 0;
  return () => `id-${++n}`;
})());

describe('names of the default pipeline', () => {
  it('names unnamed rules and triggers by what they do', () => {
    expect(pipeline.triggers.map((tr) => triggerTitle(tEn, tr))).toEqual(['Signed by the company', 'All signed']);
    expect(pipeline.rules.map((r) => ruleTitle(tEn, r, names))).toEqual(['Send for signature', 'E-mail the sealed PDF to every party']);
    expect(pipeline.rules.map((r) => ruleTitle(tPl, r, names))).toEqual(['Wyślij do podpisu', 'Wyślij opieczętowany PDF e-mailem do wszystkich stron']);
  });

  it('prefers the name given, and says so when the source of a log entry is gone', () => {
    const view = { triggers: pipeline.triggers, rules: [{ ...pipeline.rules[0]!, name: ' Send to the client ' }] };
    expect(sourceTitle(tEn, view, 'rule', 'id-3', names)).toBe('Send to the client');
    expect(sourceTitle(tEn, view, 'trigger', 'id-2', names)).toBe('All signed');
    expect(sourceTitle(tEn, view, 'rule', 'gone', names)).toBe('a deleted rule');
    expect(sourceTitle(tPl, null, 'trigger', 'gone', names)).toBe('usunięty wyzwalacz');
  });
});

describe('summaries', () => {
  it('says what an action does, with the employee and stage by name', () => {
    expect(actionSummary(tEn, { kind: 'notify', userId: 'u-dir', email: true }, names)).toBe('Notify Dorota Dyrektor in the app and by e-mail');
    expect(actionSummary(tEn, { kind: 'moveTo', stageId: 'st-signed' }, names)).toBe('Move to “Signed”');
    expect(actionSummary(tEn, { kind: 'moveTo', stageId: 'nope' }, names)).toBe('Move to “a deleted stage”');
    expect(actionSummary(tEn, { kind: 'emailSealed', to: ['accounting@firma.pl'], toParties: true }, names)).toBe('E-mail the sealed PDF to every party and to accounting@firma.pl');
  });

  it('says when a rule runs, with plural forms in both languages', () => {
    expect(timingSummary(tEn, { kind: 'immediately' })).toBe('Immediately on entering the stage');
    expect(timingSummary(tEn, { kind: 'after', minutes: 120 })).toBe('2 hours after entering the stage');
    expect(timingSummary(tEn, { kind: 'after', minutes: 1 })).toBe('1 minute after entering the stage');
    expect(timingSummary(tPl, { kind: 'after', minutes: 5 * 1440 })).toBe('5 dni po wejściu do etapu');
    expect(timingSummary(tPl, { kind: 'after', minutes: 22 })).toBe('22 minuty po wejściu do etapu');
    expect(timingSummary(tEn, { kind: 'at', time: '09:00', days: 0 })).toBe('At 09:00');
    expect(timingSummary(tEn, { kind: 'at', time: '09:00', days: 2 })).toBe('At 09:00, 2 days later');
  });

  it('reads a condition out, the amount in its currency', () => {
    const condition = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10000, currency: 'PLN' }, { field: 'owner' as const, op: 'eq' as const, value: 'u-dir' }] };
    expect(conditionSummary(tEn, condition, names).replace(/\s/g, ' ')).toBe('Amount is more than PLN 10,000.00 and Responsible person is Dorota Dyrektor');
    expect(conditionSummary(tPl, condition, { ...names, language: 'pl' }).replace(/\s/g, ' ')).toBe('Kwota: więcej niż 10 000,00 zł i Osoba odpowiedzialna: równa się Dorota Dyrektor');
    expect(conditionSummary(tEn, { match: 'any', tests: [{ field: 'tag', op: 'contains', value: 'urgent' }, { field: 'department', op: 'isEmpty' }] }, names)).toBe('Tags include “urgent” or Department is empty');
    expect(conditionSummary(tEn, undefined, names)).toBe('');
  });
});

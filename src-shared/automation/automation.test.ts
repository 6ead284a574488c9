import { describe, expect, it } from 'vitest';
import { ruleSchema, triggerSchema } from './automation';
import { conditionHolds, conditionSchema, type DocumentFacts } from './conditions';
import { defaultPipeline } from './default-pipeline';
import { dueAt } from './schedule';

const doc: DocumentFacts = { amountMinor: 1_200_000, currency: 'PLN', title: 'Umowa dostawy stali', department: 'Zakupy', tags: ['ramowa', 'Dostawy'], ownerId: 'u-1', counterparties: 2, dueDate: '2026-12-10' };
const today = '2026-12-03';
// Parsed as the editor's input is: the tests are written as a person would.
const holds = (c: unknown, d: DocumentFacts = doc) => conditionHolds(conditionSchema.parse(c), d, today);

describe('conditions on a document', () => {
  it('compares an amount in its own currency only: more than 10,000 PLN', () => {
    const over = { match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' }] } as const;
    expect(holds(over)).toBe(true);
    expect(holds(over, { ...doc, amountMinor: 1_000_000 })).toBe(false);
    expect(holds(over, { ...doc, amountMinor: 1_000_001 })).toBe(true);
    expect(holds(over, { ...doc, currency: 'EUR' })).toBe(false);
    expect(holds(over, { ...doc, amountMinor: undefined })).toBe(false);
    expect(holds({ match: 'all', tests: [{ field: 'amount', op: 'isEmpty' }] }, { ...doc, amountMinor: undefined })).toBe(true);
  });

  it('matches texts without regard to case, tags as held, days to the due date, and all or any', () => {
    expect(holds({ match: 'all', tests: [{ field: 'title', op: 'contains', value: 'STALI' }] })).toBe(true);
    expect(holds({ match: 'all', tests: [{ field: 'tag', op: 'contains', value: 'dostawy' }] })).toBe(true);
    expect(holds({ match: 'all', tests: [{ field: 'tag', op: 'contains', value: 'NDA' }] })).toBe(false);
    expect(holds({ match: 'all', tests: [{ field: 'dueInDays', op: 'lte', value: 7 }] })).toBe(true);
    expect(holds({ match: 'all', tests: [{ field: 'dueInDays', op: 'lt', value: 7 }] })).toBe(false);
    expect(holds({ match: 'all', tests: [{ field: 'department', op: 'eq', value: 'zakupy' }, { field: 'counterparties', op: 'gte', value: 3 }] })).toBe(false);
    expect(holds({ match: 'any', tests: [{ field: 'department', op: 'eq', value: 'zakupy' }, { field: 'counterparties', op: 'gte', value: 3 }] })).toBe(true);
    expect(holds({ match: 'all', tests: [] })).toBe(true);
    // A department not set is not "set".
    expect(holds({ match: 'all', tests: [{ field: 'department', op: 'isSet' }] }, { ...doc, department: undefined })).toBe(false);
  });

  it('refuses a test that cannot be evaluated, with the reason', () => {
    const issues = (test: unknown) => conditionSchema.safeParse({ match: 'all', tests: [test] }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ field: 'tag', op: 'gt', value: 3 })).toContain('automation.conditions.opNotForField');
    expect(issues({ field: 'amount', op: 'gt', value: 10_000 })).toContain('validation.required');
    expect(issues({ field: 'amount', op: 'gt', value: 'dużo', currency: 'PLN' })).toContain('automation.conditions.numberExpected');
    expect(issues({ field: 'title', op: 'contains' })).toContain('validation.required');
    expect(issues({ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' })).toEqual([]);
  });
});

describe('when a rule comes due', () => {
  const entered = Date.parse('2026-12-03T10:15:00Z'); // 11:15 in Warsaw
  const warsaw = (at: number) => new Date(at).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' });
  it('at once, after a delay, or at a time of day: today if still ahead, else tomorrow, then days later', () => {
    expect(dueAt({ kind: 'immediately' }, entered, 'Europe/Warsaw')).toBe(entered);
    expect(dueAt({ kind: 'after', minutes: 90 }, entered, 'Europe/Warsaw')).toBe(entered + 90 * 60_000);
    expect(warsaw(dueAt({ kind: 'at', time: '16:00', days: 0 }, entered, 'Europe/Warsaw'))).toBe('2026-12-03 16:00:00');
    expect(warsaw(dueAt({ kind: 'at', time: '09:00', days: 0 }, entered, 'Europe/Warsaw'))).toBe('2026-12-04 09:00:00');
    expect(warsaw(dueAt({ kind: 'at', time: '09:00', days: 2 }, entered, 'Europe/Warsaw'))).toBe('2026-12-06 09:00:00');
  });
  it('reads the time of day on the wall clock across a change of summer time', () => {
    // Summer time starts on 2026-03-29 at 02:00 in Warsaw: 09:00 the next day is 07:00 UTC, not 08:00.
    const saturday = Date.parse('2026-03-28T12:00:00Z');
    expect(new Date(dueAt({ kind: 'at', time: '09:00', days: 0 }, saturday, 'Europe/Warsaw')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(dueAt({ kind: 'at', time: '09:00', days: 1 }, saturday, 'Europe/Warsaw')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // 02:30 does not exist that night: the rule runs when the clock shows 03:30.
    expect(warsaw(dueAt({ kind: 'at', time: '02:30', days: 0 }, saturday, 'Europe/Warsaw'))).toBe('2026-03-29 03:30:00');
  });
});

describe('triggers and rules', () => {
  it('a condition trigger needs its condition; an e-mail of the sealed PDF needs someone to go to', () => {
    expect(triggerSchema.safeParse({ id: 't', stageId: 's', event: 'conditionMet', enabled: true }).success).toBe(false);
    expect(triggerSchema.safeParse({ id: 't', stageId: 's', event: 'conditionMet', enabled: true, condition: { match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' }] } }).success).toBe(true);
    const rule = (action: unknown) => ruleSchema.safeParse({ id: 'r', stageId: 's', action, timing: { kind: 'immediately' }, enabled: true, position: 0 });
    expect(rule({ kind: 'emailSealed' }).success).toBe(false);
    expect(rule({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'] }).success).toBe(true);
    expect(rule({ kind: 'webhook', url: 'ftp://example.com/hook', secretName: 'crm' }).success).toBe(false);
    const withCredentials = rule({ kind: 'webhook', url: 'https://jan:haslo@crm.example.com/hook', secretName: 'crm' });
    expect(withCredentials.success ? [] : withCredentials.error.issues.map((i) => i.message)).toEqual(['automation.webhook.noCredentialsInUrl']);
    expect(rule({ kind: 'webhook', url: 'https://crm.example.com/hook?from=signet@zaklady', secretName: 'crm' }).success).toBe(true);
  });

  it("the default pipeline is the seed's example, and valid", () => {
    let n = 0;
    const { triggers, rules } = defaultPipeline((key) => `stage-${key}`, () => `id-${++n}`);
    expect(triggers.map((t) => [t.event, t.stageId])).toEqual([
      ['companySigned', 'stage-sentCounterparty'],
      ['allSigned', 'stage-signed'],
    ]);
    expect(rules.map((r) => [r.stageId, r.action.kind])).toEqual([
      ['stage-sentCounterparty', 'sendForSignature'],
      ['stage-signed', 'emailSealed'],
    ]);
    for (const t of triggers) expect(triggerSchema.parse(t)).toEqual(t);
    for (const r of rules) expect(ruleSchema.parse(r)).toEqual(r);
  });
});

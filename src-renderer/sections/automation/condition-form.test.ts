import { describe, expect, it } from 'vitest';
import { conditionSchema } from '../../../src-shared/automation/conditions';
import { conditionFormOf, conditionOf, newTest, parseAmount, withField, type ConditionForm, type TestForm } from './condition-form';

const row = (patch: Partial<TestForm>): TestForm => ({ ...newTest(), ...patch });
const form = (...tests: TestForm[]): ConditionForm => ({ match: 'all', tests });

describe('conditionOf', () => {
  it('builds "amount > 10,000 PLN" as the schema takes it, the value in major units', () => {
    const { condition, errors } = conditionOf(form(row({ field: 'amount', op: 'gt', value: '10 000', currency: 'PLN' })));
    expect(errors).toEqual({});
    expect(condition).toEqual({ match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10000, currency: 'PLN' }] });
    expect(conditionSchema.safeParse(condition).success).toBe(true);
  });

  it('builds every field’s kind of value, and none for "is set" / "is empty"', () => {
    const { condition, errors } = conditionOf({
      match: 'any',
      tests: [
        row({ field: 'title', op: 'contains', value: '  NDA ' }),
        row({ field: 'department', op: 'isEmpty', value: 'ignored' }),
        row({ field: 'owner', op: 'eq', value: 'user-1' }),
        row({ field: 'dueInDays', op: 'lt', value: '-2' }),
        row({ field: 'tag', op: 'contains', value: 'urgent' }),
        row({ field: 'counterparties', op: 'gte', value: '2' }),
      ],
    });
    expect(errors).toEqual({});
    expect(condition?.tests).toEqual([
      { field: 'title', op: 'contains', value: 'NDA' },
      { field: 'department', op: 'isEmpty' },
      { field: 'owner', op: 'eq', value: 'user-1' },
      { field: 'dueInDays', op: 'lt', value: -2 },
      { field: 'tag', op: 'contains', value: 'urgent' },
      { field: 'counterparties', op: 'gte', value: 2 },
    ]);
    expect(conditionSchema.safeParse(condition).success).toBe(true);
  });

  it('says which row is wrong and why, and gives no condition for no rows', () => {
    const { errors } = conditionOf(form(row({ field: 'title', op: 'eq', value: ' ' }), row({ field: 'amount', op: 'gt', value: '10k' }), row({ field: 'counterparties', op: 'gt', value: '-1' }), row({ field: 'amount', op: 'lt', value: '5', currency: '' })));
    expect(errors).toEqual({
      0: { field: 'value', key: 'validation.required' },
      1: { field: 'value', key: 'automation.editor.amountExpected' },
      2: { field: 'value', key: 'automation.conditions.numberExpected' },
      3: { field: 'currency', key: 'validation.required' },
    });
    expect(conditionOf(form())).toEqual({ condition: undefined, errors: {} });
  });

  it('opens a saved condition as rows that build it again', () => {
    const saved = { match: 'any' as const, tests: [{ field: 'amount' as const, op: 'gte' as const, value: 2500.5, currency: 'EUR' }, { field: 'department' as const, op: 'isSet' as const }] };
    expect(conditionOf(conditionFormOf(saved)).condition).toEqual(saved);
  });
});

describe('parseAmount', () => {
  it('reads amounts as people type them', () => {
    expect(parseAmount('10000')).toBe(10000);
    expect(parseAmount('10 000,50')).toBe(10000.5);
    expect(parseAmount('10,000.50')).toBe(10000.5);
    expect(parseAmount('10\u00a0000')).toBe(10000);
    expect(parseAmount('1,5')).toBe(1.5);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('ten')).toBeNull();
    expect(parseAmount('1.234')).toBeNull();
  });
});

describe('withField', () => {
  it('keeps a comparison the new field takes and replaces one it does not', () => {
    expect(withField(row({ field: 'amount', op: 'gt', value: '5' }), 'counterparties')).toMatchObject({ op: 'gt', value: '' });
    expect(withField(row({ field: 'amount', op: 'gt', value: '5' }), 'title')).toMatchObject({ field: 'title', op: 'eq' });
    expect(withField(row({ field: 'title', op: 'contains', value: 'x' }), 'tag')).toMatchObject({ op: 'contains', value: 'x' });
    expect(withField(row({ field: 'title', op: 'eq', value: 'x' }), 'owner')).toMatchObject({ op: 'eq', value: '' });
  });
});

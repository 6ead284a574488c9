import { comparisonsOf, type Comparison, type Condition, type ConditionField, type ConditionTest } from '../../../src-shared/automation/conditions';

/*
 * The condition builder's rows as typed, and the `Condition` (conditions.ts) they stand for. Numbers are typed as
 * people write them ("10 000", "10000,50", "10,000.50"); a comparison a field does not take is replaced when the
 * field changes, so the builder never holds a test the schema refuses.
 */

export interface TestForm {
  /** For React's list: stays with the row when another is removed. */
  key: string;
  field: ConditionField;
  op: Comparison;
  value: string;
  /** For `amount`. */
  currency: string;
}

export interface ConditionForm {
  match: Condition['match'];
  tests: TestForm[];
}

let nextKey = 0;
const newKey = () => `test-${++nextKey}`;

export const emptyCondition = (): ConditionForm => ({ match: 'all', tests: [] });

/** A comparison that needs no value ("is set", "is empty"). */
export const takesNoValue = (op: Comparison) => op === 'isSet' || op === 'isEmpty';

export function newTest(field: ConditionField = 'amount', currency = 'PLN'): TestForm {
  return { key: newKey(), field, op: comparisonsOf[field][0]!, value: '', currency };
}

/** The row with another field: its comparison kept if the field takes it, else the field's first. */
export function withField(test: TestForm, field: ConditionField): TestForm {
  const op = comparisonsOf[field].includes(test.op) ? test.op : comparisonsOf[field][0]!;
  // A value typed for one kind of field (an employee's id, a number) means nothing for another.
  const sameKind = kindOf(field) === kindOf(test.field);
  return { ...test, field, op, value: sameKind ? test.value : '' };
}

type ValueKind = 'money' | 'count' | 'days' | 'text' | 'user';
export function kindOf(field: ConditionField): ValueKind {
  switch (field) {
    case 'amount':
      return 'money';
    case 'counterparties':
      return 'count';
    case 'dueInDays':
      return 'days';
    case 'owner':
      return 'user';
    default:
      return 'text';
  }
}

/** "10 000", "10000,5", "10,000.50" → 10000.5; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s.includes('.') && s.includes(',')) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Number(s);
}

function parseWhole(text: string, negative: boolean): number | null {
  const s = text.trim();
  return (negative ? /^-?\d{1,5}$/ : /^\d{1,5}$/).test(s) ? Number(s) : null;
}

export interface TestError {
  field: 'value' | 'currency';
  key: string;
}

export type ConditionResult = { condition: Condition | undefined; errors: Record<number, TestError> };

/** The `Condition` the rows say (none when there are no rows), or the rows' problems by index (message keys). */
export function conditionOf(form: ConditionForm): ConditionResult {
  const errors: Record<number, TestError> = {};
  const tests: ConditionTest[] = [];
  form.tests.forEach((row, i) => {
    const base = { field: row.field, op: row.op };
    if (takesNoValue(row.op)) {
      tests.push(base);
      return;
    }
    const kind = kindOf(row.field);
    if (kind === 'money') {
      const value = parseAmount(row.value);
      if (value === null) errors[i] = { field: 'value', key: row.value.trim() ? 'automation.editor.amountExpected' : 'validation.required' };
      else if (!/^[A-Z]{3}$/.test(row.currency)) errors[i] = { field: 'currency', key: 'validation.required' };
      else tests.push({ ...base, value, currency: row.currency });
      return;
    }
    if (kind === 'count' || kind === 'days') {
      const value = parseWhole(row.value, kind === 'days');
      if (value === null) errors[i] = { field: 'value', key: row.value.trim() ? 'automation.conditions.numberExpected' : 'validation.required' };
      else tests.push({ ...base, value });
      return;
    }
    const value = row.value.trim();
    if (!value) errors[i] = { field: 'value', key: 'validation.required' };
    else tests.push({ ...base, value });
  });
  return { condition: form.tests.length === 0 ? undefined : { match: form.match, tests }, errors };
}

/** The rows of a saved condition, for editing it. */
export function conditionFormOf(condition: Condition | undefined): ConditionForm {
  if (!condition) return emptyCondition();
  return {
    match: condition.match,
    tests: condition.tests.map((t) => ({
      key: newKey(),
      field: t.field,
      op: t.op,
      value: t.value === undefined ? '' : String(t.value),
      currency: t.currency ?? 'PLN',
    })),
  };
}

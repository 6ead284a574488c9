import { z } from 'zod';

/*
 * Conditions on a document (issue 9): what a trigger's "a field or amount condition met", a rule's "only if" and
 * "wait for a condition" test. Built from the document's own fields, so the editor can offer them as pickers and the
 * engine can evaluate them anywhere (desktop and server, one implementation). Amounts are compared in minor units of
 * one currency: "more than 10,000 PLN" never matches an amount in EUR.
 */

export const conditionFields = ['amount', 'title', 'department', 'tag', 'owner', 'counterparties', 'dueInDays'] as const;
export type ConditionField = (typeof conditionFields)[number];

export const comparisons = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'contains', 'isSet', 'isEmpty'] as const;
export type Comparison = (typeof comparisons)[number];

/** Which comparisons a field takes: numbers are ordered, texts are matched, a tag is held or not. */
export const comparisonsOf: Record<ConditionField, readonly Comparison[]> = {
  amount: ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'isSet', 'isEmpty'],
  counterparties: ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'],
  dueInDays: ['gt', 'gte', 'lt', 'lte', 'eq', 'isSet', 'isEmpty'],
  title: ['eq', 'neq', 'contains'],
  department: ['eq', 'neq', 'isSet', 'isEmpty'],
  owner: ['eq', 'neq'],
  tag: ['contains'],
};

const value = z.union([z.string().max(500), z.number().finite()]);

export const conditionTestSchema = z
  .strictObject({
    field: z.enum(conditionFields),
    op: z.enum(comparisons),
    /** For `amount`, in major units (10000 is 10,000.00); for `dueInDays`, days from today. */
    value: value.optional(),
    /** For `amount`: the currency the value is in (ISO 4217). */
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  })
  .superRefine((t, ctx) => {
    if (!comparisonsOf[t.field].includes(t.op)) ctx.addIssue({ code: 'custom', path: ['op'], message: 'automation.conditions.opNotForField' });
    const needsValue = t.op !== 'isSet' && t.op !== 'isEmpty';
    if (needsValue && t.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'validation.required' });
    const numeric = t.field === 'amount' || t.field === 'counterparties' || t.field === 'dueInDays';
    if (needsValue && numeric && typeof t.value !== 'number') ctx.addIssue({ code: 'custom', path: ['value'], message: 'automation.conditions.numberExpected' });
    if (t.field === 'amount' && needsValue && !t.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'validation.required' });
  });
export type ConditionTest = z.output<typeof conditionTestSchema>;

/** Every test must hold (`all`), or one of them (`any`); no tests: always true. */
export const conditionSchema = z.strictObject({ match: z.enum(['all', 'any']), tests: z.array(conditionTestSchema).max(20) });
export type Condition = z.output<typeof conditionSchema>;

/** What a condition is evaluated on: the document as it is when the engine looks. */
export interface DocumentFacts {
  /** Minor units (grosze, cents). */
  amountMinor?: number | undefined;
  currency?: string | undefined;
  title: string;
  department?: string | undefined;
  tags: readonly string[];
  ownerId: string;
  counterparties: number;
  /** YYYY-MM-DD */
  dueDate?: string | undefined;
}

/** Whole days from `today` (YYYY-MM-DD) to `due`; negative when past. */
function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

function compare(op: Comparison, actual: number | string | undefined, expected: number | string | undefined): boolean {
  if (op === 'isSet') return actual !== undefined && actual !== '';
  if (op === 'isEmpty') return actual === undefined || actual === '';
  if (actual === undefined) return op === 'neq';
  switch (op) {
    case 'eq':
      return typeof actual === 'string' && typeof expected === 'string' ? actual.localeCompare(expected, undefined, { sensitivity: 'accent' }) === 0 : actual === expected;
    case 'neq':
      return !compare('eq', actual, expected);
    case 'contains':
      return typeof actual === 'string' && typeof expected === 'string' && actual.toLocaleLowerCase().includes(expected.toLocaleLowerCase());
    default: {
      // Ordered comparisons are of numbers only: a text never passes "more than".
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return op === 'gt' ? actual > expected : op === 'gte' ? actual >= expected : op === 'lt' ? actual < expected : actual <= expected;
    }
  }
}

/** One test on the document; `today` (YYYY-MM-DD, the company's day) for `dueInDays`. */
export function testHolds(test: ConditionTest, doc: DocumentFacts, today: string): boolean {
  switch (test.field) {
    case 'amount': {
      // An amount in another currency is not comparable: only "is it set" can be said of it.
      const comparable = doc.amountMinor !== undefined && (test.op === 'isSet' || test.op === 'isEmpty' || doc.currency === test.currency);
      if (test.op === 'isSet' || test.op === 'isEmpty') return compare(test.op, doc.amountMinor, undefined);
      return comparable && compare(test.op, doc.amountMinor, typeof test.value === 'number' ? Math.round(test.value * 100) : undefined);
    }
    case 'counterparties':
      return compare(test.op, doc.counterparties, test.value);
    case 'dueInDays':
      return compare(test.op, doc.dueDate ? daysBetween(today, doc.dueDate) : undefined, test.value);
    case 'title':
      return compare(test.op, doc.title, test.value);
    case 'department':
      return compare(test.op, doc.department, test.value);
    case 'owner':
      return compare(test.op, doc.ownerId, test.value);
    case 'tag':
      return typeof test.value === 'string' && doc.tags.some((t) => compare('eq', t, test.value));
  }
}

export function conditionHolds(condition: Condition | undefined, doc: DocumentFacts, today: string): boolean {
  if (!condition || condition.tests.length === 0) return true;
  const results = condition.tests.map((t) => testHolds(t, doc, today));
  return condition.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

import type { ValidationIssue } from '../contract/errors';
import { isSystemFilled } from './kinds';
import type { FieldLayout } from './layout';
import type { FieldPlacement } from './placement';
import { validateFieldValue, type FieldValueContext, type FieldValues } from './values';

/**
 * The required fields of this signer that have no valid value yet: what still stands between them and "Sign".
 * The date signed is left out: the system fills it at signing time, the signer cannot.
 */
export function missingRequired(
  layout: FieldLayout,
  signerId: string,
  values: Readonly<Record<string, unknown>>,
  context: Pick<FieldValueContext, 'country'> = {},
): FieldPlacement[] {
  return layout.fields.filter(
    (f) => f.signerId === signerId && f.required && !isSystemFilled(f.kind) && !validateFieldValue(f, ownValue(values, f.id), context).ok,
  );
}

/**
 * Everything one signer submits, checked at once: each value of theirs normalised, a value for a field that is not
 * theirs (or does not exist) refused, and each required field they left empty reported. System-filled fields
 * (date signed) are refused if submitted: the signer must not choose the date.
 */
export function validateSignerValues(
  layout: FieldLayout,
  signerId: string,
  values: Readonly<Record<string, unknown>>,
  context: Pick<FieldValueContext, 'country'> = {},
): { values: FieldValues; issues: ValidationIssue[] } {
  const own = new Map(layout.fields.filter((f) => f.signerId === signerId).map((f) => [f.id, f]));
  const out: FieldValues = {};
  const issues: ValidationIssue[] = [];
  for (const id of Object.keys(values)) {
    const field = own.get(id);
    if (!field || isSystemFilled(field.kind)) issues.push({ path: `values.${id}`, messageKey: 'validation.unknownField' });
  }
  for (const field of own.values()) {
    if (isSystemFilled(field.kind)) continue;
    const checked = validateFieldValue(field, ownValue(values, field.id), context);
    if (!checked.ok) issues.push(checked.issue);
    else if (checked.value !== null) out[field.id] = checked.value;
  }
  return { values: out, issues };
}

/** `values.constructor` must read as "no value", not as Object's constructor. */
function ownValue(values: Readonly<Record<string, unknown>>, id: string): unknown {
  return Object.hasOwn(values, id) ? values[id] : undefined;
}

/**
 * What stops this signer from signing: their required fields still empty (or invalid) once the preparer's values
 * (`DocumentFields.values`) and their own are put together, their own taking precedence. Empty means they may sign.
 * The signing step calls this before it accepts a signature, and the signing screen to say what is left to fill.
 */
export function fieldsBlockingSigning(
  layout: FieldLayout,
  signerId: string,
  presetValues: Readonly<Record<string, unknown>>,
  signerValues: Readonly<Record<string, unknown>>,
  context: Pick<FieldValueContext, 'country'> = {},
): FieldPlacement[] {
  return missingRequired(layout, signerId, { ...presetValues, ...signerValues }, context);
}

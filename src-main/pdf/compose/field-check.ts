import { validationError, type ValidationIssue } from '../../../src-shared/contract/errors';
import { isSystemFilled } from '../../../src-shared/fields/kinds';
import { checkLayout, type FieldLayout, type FieldLayoutInput, type PageDimensions } from '../../../src-shared/fields/layout';
import { validateSignerValues } from '../../../src-shared/fields/required';
import { validateFieldValue, type FieldValues } from '../../../src-shared/fields/values';

/** The filled fields handed to composition. */
export interface ComposeFields {
  layout: FieldLayoutInput | FieldLayout;
  /** Every signer's values keyed by field id, the date signed included (the signing service fills it). */
  values: Readonly<Record<string, unknown>>;
  /**
   * Each signer's country (ISO 3166 alpha-2) by signer id, as their values were checked with: a tax ID is a Polish NIP
   * only for PL, a phone typed without a prefix is read in this country. PL when missing, as everywhere else.
   */
  signerCountries?: Readonly<Record<string, string>> | undefined;
}

export interface CheckedFields {
  layout: FieldLayout;
  /** Normalised; a field left empty has no entry. */
  values: FieldValues;
}

/**
 * Checks the layout against the pages it will be drawn on and every value against its field, again: what is drawn here is
 * sealed for good, and the values crossed a transport (and sat in a store) since they were first checked. Refuses with
 * one VALIDATION error listing every issue, before anything is drawn. Layout issues name the field by index
 * (`fields.3.rect`), value issues by id (`values.name`), as the same checks do everywhere else.
 */
export function checkComposeFields(input: ComposeFields, pageSizes: readonly PageDimensions[]): CheckedFields {
  const checked = checkLayout(input.layout, pageSizes);
  if (!checked.layout) throw validationError(checked.issues);
  const layout = checked.layout;

  const issues: ValidationIssue[] = [];
  const values: FieldValues = {};
  const known = new Set(layout.fields.map((f) => f.id));
  for (const id of Object.keys(input.values)) {
    if (!known.has(id)) issues.push({ path: `values.${id}`, messageKey: 'validation.unknownField' });
  }
  // Each signer's values are checked as that signer submitted them; the date signed, which no signer submits, on its own.
  for (const signerId of new Set(layout.fields.map((f) => f.signerId))) {
    const own = layout.fields.filter((f) => f.signerId === signerId && !isSystemFilled(f.kind) && Object.hasOwn(input.values, f.id));
    const result = validateSignerValues(
      layout,
      signerId,
      Object.fromEntries(own.map((f) => [f.id, input.values[f.id]])),
      { country: ownEntry(input.signerCountries ?? {}, signerId) },
    );
    issues.push(...result.issues);
    Object.assign(values, result.values);
  }
  for (const field of layout.fields.filter((f) => isSystemFilled(f.kind))) {
    const result = validateFieldValue(field, ownEntry(input.values, field.id));
    if (!result.ok) issues.push(result.issue);
    else if (result.value !== null) values[field.id] = result.value;
  }
  if (issues.length > 0) throw validationError(issues);
  return { layout, values };
}

/** Ids are plain words, and `constructor` is one: it must read as "nothing given", not as Object's constructor. */
function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

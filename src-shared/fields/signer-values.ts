import type { ValidationIssue } from '../contract/errors';
import { signingDate } from './date-signed';
import { imageFieldKinds, isSystemFilled, type FieldKind } from './kinds';
import type { FieldLayout } from './layout';
import { validateSignerValues } from './required';
import type { FieldValues } from './values';

const isImage = (kind: FieldKind) => (imageFieldKinds as readonly FieldKind[]).includes(kind);

export interface SignerValuesInput {
  layout: FieldLayout;
  /** The preparer's values (DocumentFields.values), normalised when they were saved. */
  preset: Readonly<Record<string, unknown>>;
  /** The signer's place in the layout (`company-1`, `counterparty-2`); '' when the signer has none. */
  ref: string;
  /** What the signer typed into their own fields, by field id. */
  typed: Readonly<Record<string, unknown>>;
  /** The signature PNG (canonical base64), put into every signature and initials field of theirs. */
  imageBase64: string;
  at: Date;
  /** Where the date signed is read: the signer's zone (an IANA name); the environment's own when undefined. */
  timeZone: string | undefined;
  country?: string | undefined;
}

/**
 * What one signer's fields hold once they sign: what the preparer filled in for them, what they typed (theirs wins),
 * their signature image in every signature and initials field, and the date signed stamped from `at`. Checked as a
 * whole: a required field left empty, a value that is not theirs or not valid, is an issue, every one reported. The
 * desktop (signer-fields.ts) and the company server's portal both sign through this, so a value one accepts the other does.
 */
export function signerValues(input: SignerValuesInput): { values: FieldValues; issues: ValidationIssue[] } {
  const own = input.layout.fields.filter((f) => f.signerId === input.ref);
  const given: Record<string, unknown> = {};
  for (const field of own) {
    if (isSystemFilled(field.kind)) continue;
    if (isImage(field.kind)) given[field.id] = input.imageBase64;
    else if (Object.hasOwn(input.preset, field.id)) given[field.id] = input.preset[field.id];
  }
  // A value the signer typed for a field that is not theirs is reported by the check below, not dropped silently.
  const checked = validateSignerValues(input.layout, input.ref, { ...given, ...input.typed }, { country: input.country });
  if (checked.issues.length) return { values: {}, issues: checked.issues };
  const stamped: FieldValues = { ...checked.values };
  for (const field of own) if (isSystemFilled(field.kind)) stamped[field.id] = signingDate(input.at, input.timeZone);
  return { values: stamped, issues: [] };
}

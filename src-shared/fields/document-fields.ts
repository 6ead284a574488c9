import { z } from 'zod';
import type { ValidationIssue } from '../contract/errors';
import type { AutoFillContact } from './auto-fill';
import { imageFieldKinds, isSystemFilled, type FieldKind } from './kinds';
import { maxFieldsPerLayout, type FieldLayout, type LayoutWarning, type PageDimensions } from './layout';
import { maxTextMaxLength } from './placement';
import type { SignerSide } from './signers';
import { validateFieldValue, type FieldValues } from './values';

/** A signer as the field editor sees them: the reference fields use, and what auto-fill reads. */
export interface FieldSigner {
  /** See `signerRef`. */
  ref: string;
  side: SignerSide;
  name: string;
  companyName?: string | undefined;
  /** The contact record (a counterparty), or the employee with the company's details (a company signer). */
  contact: AutoFillContact;
}

/** A document's field layout as stored, with what the editor needs to show it. */
export interface DocumentFields {
  documentId: string;
  /** The document's version: a save names the one it was loaded at, so one editor cannot overwrite another's save unseen. */
  version: number;
  /** Fields are laid out while the document is a Draft; afterwards they are what the signers were sent. */
  editable: boolean;
  /** Unrotated page sizes in points, as recorded at import: the space fields are placed in. */
  pageSizes: PageDimensions[];
  signers: FieldSigner[];
  layout: FieldLayout;
  /** Values the preparer gave (auto-filled from the contact, possibly edited), normalised; the signer fills the rest. */
  values: FieldValues;
  /** Overlapping fields of one signer: allowed, but the preparer is told. */
  warnings: LayoutWarning[];
}

/** What a value may look like on the wire before it is checked against its field. Text is bounded by its longest field. */
const presetValueSchema = z.union([z.string().max(2 * maxTextMaxLength, { error: 'validation.tooLong' }), z.number(), z.boolean()], {
  error: 'validation.type',
});

/**
 * The envelope only: each field is checked by the service with `checkLayout`, which checks every field on its own
 * before the cross checks and against the document's pages and signers, so a save reports all that is wrong at once
 * (a zod schema for the whole layout would stop at the first failing stage and hide the rest).
 */
export const saveDocumentFieldsSchema = z.object({
  id: z.uuid({ error: 'validation.id' }),
  version: z.int().min(1),
  layout: z.object({ fields: z.array(z.unknown()).max(maxFieldsPerLayout, { error: 'validation.tooManyFields' }) }),
  values: z
    // Any key up to an id's length: one that names no field is refused by `checkPresetValues`, with a message that
    // says so (zod's own reads "invalid key"). zod leaves out a `__proto__` key altogether.
    .record(z.string().max(64, { error: 'validation.tooLong' }), presetValueSchema)
    .refine((v) => Object.keys(v).length <= maxFieldsPerLayout, { error: 'validation.tooManyFields' })
    .default({}),
});
export type SaveDocumentFields = z.output<typeof saveDocumentFieldsSchema>;

/** Kinds only their signer can fill: a drawn signature, and the date the system stamps when they sign. */
function signerOnly(kind: FieldKind): boolean {
  return (imageFieldKinds as readonly FieldKind[]).includes(kind) || isSystemFilled(kind);
}

/**
 * The preparer's values, checked and normalised as the signer's would be, except that a required field may stay empty
 * (its signer fills it). A value for a field that does not exist, or that only its signer may fill, is refused.
 * `countryOf` gives each signer's country: a tax ID and a phone are read by it.
 */
export function checkPresetValues(
  layout: FieldLayout,
  values: Readonly<Record<string, unknown>>,
  countryOf: (signerId: string) => string | undefined = () => undefined,
): { values: FieldValues; issues: ValidationIssue[] } {
  const byId = new Map(layout.fields.map((f) => [f.id, f]));
  const out: FieldValues = {};
  const issues: ValidationIssue[] = [];
  for (const [id, value] of Object.entries(values)) {
    const field = byId.get(id);
    const path = `values.${id}`;
    if (!field) {
      issues.push({ path, messageKey: 'validation.unknownField' });
      continue;
    }
    if (signerOnly(field.kind)) {
      issues.push({ path, messageKey: 'validation.signerOnly' });
      continue;
    }
    const checked = validateFieldValue({ ...field, required: false }, value, { country: countryOf(field.signerId), path });
    if (!checked.ok) issues.push(checked.issue);
    // An unticked checkbox is its default, not a value worth storing.
    else if (checked.value !== null && checked.value !== false) out[id] = checked.value;
  }
  return { values: out, issues };
}

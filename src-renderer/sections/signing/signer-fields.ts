import type { DocumentSigner } from '../../../src-shared/documents/types';
import type { DocumentFields } from '../../../src-shared/fields/document-fields';
import { imageFieldKinds, isSystemFilled, type FieldKind } from '../../../src-shared/fields/kinds';
import type { FieldPlacement } from '../../../src-shared/fields/placement';
import { fieldsBlockingSigning } from '../../../src-shared/fields/required';
import { signerRefs } from '../../../src-shared/fields/signers';

/** What the signer types into a field: text, or a tick. */
export type DraftValues = Record<string, string | boolean>;

/** What the signing screen reads of a document's fields: the desktop's DocumentFields, or the portal's signing subject. */
export type SigningFields = Pick<DocumentFields, 'layout' | 'pageSizes' | 'values'>;

export const isImageKind = (kind: FieldKind) => (imageFieldKinds as readonly FieldKind[]).includes(kind);

/** The reference the layout names this signer by (`company-1`): their place among their side's signers. */
export function refOf(signers: readonly DocumentSigner[], signerId: number): string | undefined {
  const at = signers.findIndex((s) => s.id === signerId);
  return at < 0 ? undefined : signerRefs(signers)[at];
}

/** The fields this signer types or ticks: not the signature images (the signature fills them) nor the date signed. */
export function fillableFields(fields: Pick<SigningFields, 'layout'>, ref: string): FieldPlacement[] {
  return fields.layout.fields.filter((f) => f.signerId === ref && !isImageKind(f.kind) && !isSystemFilled(f.kind));
}

/** The preparer's values of these fields as the inputs show them. */
export function initialValues(fields: Pick<SigningFields, 'values'>, own: readonly FieldPlacement[]): DraftValues {
  const out: DraftValues = {};
  for (const f of own) {
    const value = fields.values[f.id];
    if (value !== undefined) out[f.id] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}

/** The required fields still empty or invalid; the signature images are left out, the signature given fills them. */
export function blockingFields(fields: SigningFields, ref: string, values: DraftValues, country: string | undefined): FieldPlacement[] {
  return fieldsBlockingSigning(fields.layout, ref, fields.values, values, { country }).filter((f) => !isImageKind(f.kind));
}

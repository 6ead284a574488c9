import { validationError } from '../../../src-shared/contract/errors';
import { signingDate } from '../../../src-shared/fields/date-signed';
import { imageFieldKinds, isSystemFilled, type FieldKind } from '../../../src-shared/fields/kinds';
import { validateSignerValues } from '../../../src-shared/fields/required';
import type { FieldValues } from '../../../src-shared/fields/values';
import type { ServiceContext } from '../context';
import { documentSignerRefs, readDocumentFields } from '../documents/fields-service';

const isImage = (kind: FieldKind) => (imageFieldKinds as readonly FieldKind[]).includes(kind);

/**
 * What one signer's fields hold once they sign: what the preparer filled in for them, what they typed (theirs wins),
 * their signature image in every signature and initials field, and the date signed stamped by the app. Checked as a
 * whole: a required field left empty, a value that is not theirs or not valid, refuses the signature with every issue.
 */
export async function signerFieldValues(
  ctx: ServiceContext,
  input: { documentId: string; signerId: number; typed: Readonly<Record<string, unknown>>; imageBase64: string; at: Date; country?: string | undefined },
): Promise<FieldValues> {
  const [{ layout, values: preset }, refs] = await Promise.all([readDocumentFields(ctx.db, input.documentId), documentSignerRefs(ctx.db, input.documentId)]);
  const ref = refs.get(input.signerId);
  const own = layout.fields.filter((f) => f.signerId === ref);
  const given: Record<string, unknown> = {};
  for (const field of own) {
    if (isSystemFilled(field.kind)) continue;
    if (isImage(field.kind)) given[field.id] = input.imageBase64;
    else if (Object.hasOwn(preset, field.id)) given[field.id] = preset[field.id];
  }
  // A value the signer typed for a field that is not theirs is reported by the check below, not dropped silently.
  const checked = validateSignerValues(layout, ref ?? '', { ...given, ...input.typed }, { country: input.country });
  if (checked.issues.length) throw validationError(checked.issues);
  const stamped: FieldValues = { ...checked.values };
  // The day as the clock on this computer reads it, where the signer sits (desktop or kiosk).
  for (const field of own) if (isSystemFilled(field.kind)) stamped[field.id] = signingDate(input.at, Intl.DateTimeFormat().resolvedOptions().timeZone);
  return stamped;
}

import { validationError } from '../../../src-shared/contract/errors';
import { signerValues } from '../../../src-shared/fields/signer-values';
import type { FieldValues } from '../../../src-shared/fields/values';
import type { ServiceContext } from '../context';
import { documentSignerRefs, readDocumentFields } from '../documents/fields-service';

/**
 * What one signer's fields hold once they sign (see `signerValues`), read from this document's stored fields; a
 * required field left empty, a value that is not theirs or not valid, refuses the signature with every issue.
 */
export async function signerFieldValues(
  ctx: ServiceContext,
  input: { documentId: string; signerId: number; typed: Readonly<Record<string, unknown>>; imageBase64: string; at: Date; country?: string | undefined },
): Promise<FieldValues> {
  const [{ layout, values: preset }, refs] = await Promise.all([readDocumentFields(ctx.db, input.documentId), documentSignerRefs(ctx.db, input.documentId)]);
  const checked = signerValues({
    layout,
    preset,
    ref: refs.get(input.signerId) ?? '',
    typed: input.typed,
    imageBase64: input.imageBase64,
    at: input.at,
    // The day as the clock on this computer reads it, where the signer sits (desktop or kiosk).
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    country: input.country,
  });
  if (checked.issues.length) throw validationError(checked.issues);
  return checked.values;
}

import type { FieldLayout, FieldLayoutInput } from '../../../src-shared/fields/layout';
import type { ComposeFields } from '../../pdf/compose/field-check';

/*
 * The final document of a signing, as both the desktop (complete.ts) and the company server (src-server/sealing/)
 * compose it from their own stores (composeDocument): the same values on the pages, the same seal reason and file name.
 */

/** One value a signer gave, as a store keeps it: JSON text, with whose it is and the country it was checked in. */
export interface SignedValue {
  /** The signer's place in the layout (`counterparty-1`); unknown for a row whose signer left the layout. */
  ref: string | undefined;
  fieldId: string;
  /** JSON text, as signer_values / published_values hold it. */
  value: string;
  /** The signer's country (ISO 3166 alpha-2) when known: their tax ID or phone was checked in it. */
  country: string | null;
}

/** The layout with every value in it: the preparer's, then each signer's as they signed (signature images, date). */
export function filledFields(layout: FieldLayoutInput | FieldLayout, preset: Readonly<Record<string, unknown>>, signed: Iterable<SignedValue>): ComposeFields | undefined {
  if (layout.fields.length === 0) return undefined;
  const values: Record<string, unknown> = { ...preset };
  const signerCountries: Record<string, string> = {};
  for (const row of signed) {
    values[row.fieldId] = JSON.parse(row.value) as unknown;
    if (row.ref && row.country) signerCountries[row.ref] = row.country;
  }
  return { layout, values, signerCountries };
}

/** The seal's reason, as readers (Acrobat, pdfsig) show it. */
export const sealReasonOf = (number: string): string => `Signet: ${number}`;

/** The sealed PDF's name as the signed-copy e-mail attaches it. */
export const signedFilenameOf = (number: string): string => `${number.replace(/[^\w-]+/g, '-')}-signed.pdf`;

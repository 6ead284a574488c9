import type { DuplicateField } from './schema';

/** `details.matches` of a DUPLICATE error: who already has the e-mail, phone or tax ID. */
export interface DuplicateMatch {
  field: DuplicateField;
  existingId: string;
  existingName: string;
}

/** `details.documents` of an IN_USE error: the documents that name the contact as a signer. */
export interface DocumentRef {
  id: string;
  title: string;
  number: string;
}

import type { ContactFieldsInput } from '../../../../src-shared/contacts/schema';

/** One imported record before validation: the contact fields as text, whatever the source format. */
export type RawRow = { [K in keyof ContactFieldsInput]?: string };

/** What a person (or the system) fills into a document: every kind a field placed on a page can have. */
export const fieldKinds = [
  'signature',
  'initials',
  'fullName',
  'dateSigned',
  'text',
  'number',
  'checkbox',
  'companyName',
  'taxId',
  'email',
  'phone',
] as const;
export type FieldKind = (typeof fieldKinds)[number];

/** Kinds whose value is a PNG image (drawn or typed signature), not text. */
export const imageFieldKinds = ['signature', 'initials'] as const satisfies readonly FieldKind[];

/**
 * Kinds the system fills at signing time; a person never types them, so they are never reported as "still to fill".
 * The date signed is the date of the signing event, not a date the signer claims.
 */
export const systemFilledKinds = ['dateSigned'] as const satisfies readonly FieldKind[];

export function isSystemFilled(kind: FieldKind): boolean {
  return (systemFilledKinds as readonly FieldKind[]).includes(kind);
}

/**
 * Where an auto-filled value comes from in the signer's contact record.
 * `fullName` is first + last name; `address` is street, postal code and city on one line.
 */
export const fieldSources = [
  'fullName',
  'firstName',
  'lastName',
  'companyName',
  'position',
  'taxId',
  'email',
  'phone',
  'address',
] as const;
export type FieldSource = (typeof fieldSources)[number];

const textualSources = fieldSources;

/**
 * The sources that make sense for each kind. A typed field takes the matching contact field; free text may take any text;
 * images, checkboxes, numbers and the signing date never come from the contact book.
 */
export const allowedSources: Readonly<Record<FieldKind, readonly FieldSource[]>> = {
  signature: [],
  initials: [],
  dateSigned: [],
  number: [],
  checkbox: [],
  fullName: ['fullName'],
  companyName: ['companyName'],
  taxId: ['taxId'],
  email: ['email'],
  phone: ['phone'],
  text: textualSources,
};

export function isSourceAllowed(kind: FieldKind, source: FieldSource): boolean {
  return allowedSources[kind].includes(source);
}

/** How a date-signed field prints. The stored value is always an ISO date (`yyyy-MM-dd`). */
export const dateSignedFormats = ['yyyy-MM-dd', 'dd.MM.yyyy', 'dd/MM/yyyy', 'MM/dd/yyyy'] as const;
export type DateSignedFormat = (typeof dateSignedFormats)[number];
/** ISO by default: it reads the same to a Polish and an English counterparty. */
export const defaultDateSignedFormat: DateSignedFormat = 'yyyy-MM-dd';
